import { Suspense, useId, useState } from "react";
import { Badge, Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import type { ProgramTandem, TandemStatus } from "@tandem/core";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../../app/session";
import { lazyView, useI18n } from "../../../i18n/i18n";
import { ViewSkeleton } from "../../../components/ViewSkeleton";
import { statusColor } from "../../home/TandemCard";
import { useReportStyles } from "../../reports/parts";
import { CyclePicker, useCycles } from "../cycles";

// Spelled out rather than imported from @tandem/core, whose values bring zod along.
const tandemStatuses = ["proposed", "accepted", "active", "paused", "completed", "declined", "withdrawn"] as const satisfies readonly TandemStatus[];

const LifecycleDialog = lazyView(() => import("../../home/LifecycleDialog"));

/** What a coordinator alone does from here: take a proposal back, start a completed tandem again. */
const coordinatorStep = { proposed: "withdraw", completed: "reopen" } as const;
type Row = ProgramTandem & { status: keyof typeof coordinatorStep };

/**
 * Every tandem and circle of the program with its state, filtered by state and cycle, and whether its mentor finished
 * the training: the program report's list of tandems, which coordinators already read.
 */
export default function TandemsSection() {
  const s = useReportStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const id = useId();
  const cycles = useCycles();
  const report = useResource(async () => (await call("programReport", { query: { period: 365 } })).data, [call]);
  const [status, setStatus] = useState<TandemStatus | "">("");
  const [cycleId, setCycleId] = useState("");
  const [acting, setActing] = useState<Row | null>(null);
  const namesOf = (x: ProgramTandem) => x.members.map((m) => m.displayName).join(", ");
  const cycleName = (cid: string) => cycles.data?.find((c) => c.id === cid)?.name ?? "";
  const shown = (report.data?.tandems ?? []).filter((x) => (!status || x.status === status) && (!cycleId || x.cycleId === cycleId));
  return (
    <div className={s.root}>
      <Text as="p" className={s.intro}>
        {t("tandems.intro")}
      </Text>
      <div className={s.toolbar} style={{ justifyContent: "start" }}>
        <Field label={t("tandems.status")}>
          <Select value={status} onChange={(_, d) => setStatus(d.value as TandemStatus | "")}>
            <option value="">{t("tandems.all")}</option>
            {tandemStatuses.map((x) => (
              <option key={x} value={x}>
                {t(`tandem.status.${x}`)}
              </option>
            ))}
          </Select>
        </Field>
        {cycles.data && <CyclePicker cycles={cycles.data} value={cycleId} onChange={setCycleId} allLabel={t("tandems.all")} />}
      </div>
      {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {cycles.error !== undefined && <ErrorNotice error={cycles.error} onRetry={cycles.reload} />}
      {report.loading && <ViewSkeleton cards={2} />}
      {report.data && !report.loading && (
        <>
          <Text as="p" role="status" id={id}>
            {t("tandems.count", { count: shown.length })}
          </Text>
          {shown.length === 0 ? (
            <Text as="p">{t("tandems.none")}</Text>
          ) : (
            <div className={s.tableWrap}>
              <Table size="small" aria-label={t("tandems.table")}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t("tandems.mentor")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.mentees")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.kind")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.status")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.cycle")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.training")}</TableHeaderCell>
                    <TableHeaderCell>{t("tandems.actions")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {shown.map((x) => (
                    <TableRow key={x.id} data-tandem={x.id}>
                      <TableCell>{x.members.filter((m) => m.role === "mentor").map((m) => m.displayName).join(", ")}</TableCell>
                      <TableCell>{x.members.filter((m) => m.role === "mentee").map((m) => m.displayName).join(", ")}</TableCell>
                      <TableCell>{t(`console.kind.${x.kind}`)}</TableCell>
                      <TableCell>
                        <Badge appearance="tint" color={statusColor[x.status]}>
                          {t(`tandem.status.${x.status}`)}
                        </Badge>
                      </TableCell>
                      <TableCell>{cycleName(x.cycleId)}</TableCell>
                      <TableCell>
                        {t(x.mentorTrained === null ? "tandems.training.unknown" : x.mentorTrained ? "tandems.training.done" : "tandems.training.notDone")}
                      </TableCell>
                      <TableCell>
                        {(x.status === "proposed" || x.status === "completed") && (
                          <Button size="small" onClick={() => setActing(x as Row)} aria-label={t(`tandems.${coordinatorStep[x.status]}`, { names: namesOf(x) })}>
                            {t(`lifecycle.confirm.${coordinatorStep[x.status]}`)}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
      {acting && (
        <Suspense fallback={null}>
          <LifecycleDialog
            tandem={acting}
            action={coordinatorStep[acting.status]}
            onCancel={() => setActing(null)}
            onDone={() => {
              setActing(null);
              report.reload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
