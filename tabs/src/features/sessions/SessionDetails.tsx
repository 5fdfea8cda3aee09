import { useState, type ReactNode } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  Radio,
  RadioGroup,
  RatingDisplay,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { LockClosed16Regular, People16Regular } from "@fluentui/react-icons";
import { NoteInput, canCheckIn, type NoteVisibility, type Session, type TandemView } from "@tandem/core";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useI18n } from "../../i18n/i18n";
import { ErrorNotice, apiFieldErrors, fieldState, zodFieldErrors } from "@tandem/ui";

const useStyles = makeStyles({
  panel: { display: "grid", gap: tokens.spacingVerticalM },
  list: { display: "grid", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyle: "none" },
  item: {
    display: "grid",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  form: { display: "grid", gap: tokens.spacingVerticalS },
});

/**
 * A past session's check-ins and notes, loaded when opened. Private notes are marked as such. `heldOrNot`: saying it
 * did not take place (or that it did), beside the check-in.
 */
export function SessionDetails({ tandem, session, onCheckIn, heldOrNot }: { tandem: TandemView; session: Session; onCheckIn(): void; heldOrNot?: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Accordion collapsible onToggle={(_, d) => setOpen(d.openItems.includes("details"))}>
      <AccordionItem value="details">
        <AccordionHeader>{t("sessions.details")}</AccordionHeader>
        <AccordionPanel>{open && <DetailsPanel tandem={tandem} session={session} onCheckIn={onCheckIn} heldOrNot={heldOrNot} />}</AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

function DetailsPanel({ tandem, session, onCheckIn, heldOrNot }: { tandem: TandemView; session: Session; onCheckIn(): void; heldOrNot?: ReactNode }) {
  const styles = useStyles();
  const { t, date } = useI18n();
  const { call, me } = useSession();
  const params = { id: tandem.id, sessionId: session.id };
  const participant = tandem.myRelation !== "coordinator";
  const data = useResource(async () => {
    const [checkIns, notes] = await Promise.all([
      call("listCheckIns", { params }),
      participant ? call("listNotes", { params }) : Promise.resolve({ data: { items: [] } }),
    ]);
    return { checkIns: checkIns.data.items, notes: notes.data.items };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call, session.id]);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<NoteVisibility>("private");
  const [problem, setProblem] = useState<unknown>();
  const [bodyError, setBodyError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const name = (id: string) => (id === me.id ? t("notes.you") : (tandem.members.find((m) => m.id === id)?.displayName ?? ""));
  const mine = data.data?.checkIns.find((c) => c.personId === me.id);

  const addNote = async () => {
    const submitted = body;
    const parsed = NoteInput.safeParse({ body, visibility });
    if (!parsed.success) {
      setBodyError(zodFieldErrors(parsed.error, t).body);
      return;
    }
    setBodyError(undefined);
    setSaving(true);
    setProblem(undefined);
    try {
      await call("createNote", { params, body: parsed.data });
      // Clear what was sent, not what was typed since; the next note starts private again, whatever this one was.
      setBody((current) => (current === submitted ? "" : current));
      setVisibility("private");
      data.reload();
    } catch (e) {
      setBodyError(apiFieldErrors(e, t).body);
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };
  const deleteNote = async (id: string, etag: string) => {
    setProblem(undefined);
    try {
      await call("deleteNote", { params: { ...params, noteId: id }, ifMatch: etag });
      data.reload();
    } catch (e) {
      setProblem(e);
    }
  };

  if (data.error !== undefined) return <ErrorNotice error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Text>{t("common.loading")}</Text>;
  return (
    <div className={styles.panel}>
      {(heldOrNot || (participant && canCheckIn(session, new Date().toISOString()))) && (
        <div className={styles.row}>
          {participant && canCheckIn(session, new Date().toISOString()) && (
            <Button appearance={mine ? "secondary" : "primary"} onClick={onCheckIn}>
              {mine ? t("checkin.edit") : t("checkin.action")}
            </Button>
          )}
          {heldOrNot}
        </div>
      )}
      {data.data.checkIns.length === 0 ? (
        <Text>{t("checkin.none")}</Text>
      ) : (
        <ul className={styles.list}>
          {data.data.checkIns.map((c) => (
            <li key={c.personId} className={styles.item}>
              <div className={styles.row}>
                <Text weight="semibold">{c.personId === me.id ? t("checkin.mine") : t("checkin.by", { name: name(c.personId) })}</Text>
                <RatingDisplay value={c.rating} max={5} aria-label={t("checkin.ratingValue", { value: c.rating })} />
              </div>
              {c.learned && (
                <Text>
                  <strong>{t("checkin.answerLabel", { label: t("checkin.learned") })}</strong> {c.learned}
                </Text>
              )}
              {c.willTry && (
                <Text>
                  <strong>{t("checkin.answerLabel", { label: t("checkin.willTry") })}</strong> {c.willTry}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
      {participant && (
        <section className={styles.panel} aria-label={t("notes.title")}>
          <Subtitle2 as="h4">{t("notes.title")}</Subtitle2>
          {problem !== undefined && <ErrorNotice error={problem} onReload={data.reload} />}
          {data.data.notes.length === 0 ? (
            <Text>{t("notes.none")}</Text>
          ) : (
            <ul className={styles.list}>
              {data.data.notes.map((n) => (
                <li key={n.id} className={styles.item} data-note-visibility={n.visibility}>
                  <div className={styles.row}>
                    <Badge
                      appearance="tint"
                      color={n.visibility === "private" ? "important" : "informative"}
                      icon={n.visibility === "private" ? <LockClosed16Regular /> : <People16Regular />}
                    >
                      {t(`notes.badge.${n.visibility}`)}
                    </Badge>
                    <Text size={200}>{t("notes.by", { name: name(n.authorId), date: date(n.createdAt) })}</Text>
                    {n.authorId === me.id && (
                      <Button size="small" appearance="subtle" onClick={() => void deleteNote(n.id, n.etag)}>
                        {t("notes.delete")}
                      </Button>
                    )}
                  </div>
                  <Text style={{ whiteSpace: "pre-wrap" }}>{n.body}</Text>
                </li>
              ))}
            </ul>
          )}
          <form
            className={styles.form}
            onSubmit={(e) => {
              e.preventDefault();
              void addNote();
            }}
          >
            <Field label={t("notes.add")} {...fieldState(bodyError)}>
              <Textarea value={body} maxLength={4000} onChange={(_, d) => setBody(d.value)} />
            </Field>
            <Field label={t("notes.visibility")}>
              <RadioGroup layout="horizontal" value={visibility} onChange={(_, d) => setVisibility(d.value as NoteVisibility)}>
                <Radio value="private" label={t("notes.private")} />
                <Radio value="shared" label={t("notes.shared")} />
              </RadioGroup>
            </Field>
            <div>
              <Button type="submit" disabled={saving || body.trim() === ""}>
                {t("notes.save")}
              </Button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
