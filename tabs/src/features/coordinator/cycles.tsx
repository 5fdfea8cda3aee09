import { useEffect, useId, useState } from "react";
import { Field, Select, makeStyles } from "@fluentui/react-components";
import { currentCycle as openCycleOf, type CycleView } from "@tandem/core";
import { useResource, type Resource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";

/** The program's cycles, newest first. */
export function useCycles(): Resource<CycleView[]> {
  const { call } = useSession();
  return useResource(async () => [...(await call("listCycles")).data.items].sort((a, b) => b.startsOn.localeCompare(a.startsOn)), [call]);
}

/** The cycle a coordinator most likely means: core's `currentCycle`, the one open for matching. */
export const currentCycle = (cycles: readonly CycleView[], today = new Date().toISOString().slice(0, 10)) => openCycleOf(cycles, today);

/** The chosen cycle's id, set to `currentCycle` once the cycles arrive. */
export function useChosenCycle(cycles: readonly CycleView[] | undefined): [string, (id: string) => void] {
  const [id, setId] = useState("");
  useEffect(() => {
    if (!id && cycles?.length) setId(currentCycle(cycles)?.id ?? "");
  }, [cycles, id]);
  return [id, setId];
}

const useStyles = makeStyles({
  // A cycle's name and dates are long: in a narrow tab the select shrinks to the page and cuts its text, the page does
  // not scroll sideways.
  field: { minWidth: 0, maxWidth: "100%", gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
});

/** A native select: every browser and screen reader knows it, and it is keyboard-only by nature. */
export function CyclePicker({
  cycles,
  value,
  onChange,
  allLabel,
}: {
  cycles: readonly CycleView[];
  value: string;
  onChange(id: string): void;
  /** When given, a first option for every cycle (value ""). */
  allLabel?: string;
}) {
  const { t, date } = useI18n();
  const s = useStyles();
  const id = useId();
  return (
    <Field label={t("console.cycle")} className={s.field}>
      <Select id={id} className={s.select} value={value} onChange={(_, d) => onChange(d.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {`${c.name} (${t("console.cycle.dates", { from: date(c.startsOn), to: date(c.endsOn) })})`}
          </option>
        ))}
      </Select>
    </Field>
  );
}
