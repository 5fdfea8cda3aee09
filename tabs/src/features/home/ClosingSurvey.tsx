import { useId, useState } from "react";
import { Button, Field, Radio, RadioGroup, Subtitle2, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { TandemView } from "@tandem/core";
import { ErrorNotice, apiFieldErrors, fieldState, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalS },
  form: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "40rem" },
  send: { justifySelf: "start" },
});

type YesNo = "yes" | "no" | "";

/**
 * The closing survey of a completed tandem: did it help, would you do it again, what did you learn. Answered once;
 * then the answer is shown back. What someone learned is theirs (the api gives it back to them alone).
 */
export default function ClosingSurvey({ tandem }: { tandem: TandemView }) {
  const s = useStyles();
  const { t } = useI18n();
  const { call } = useSession();
  const id = useId();
  const mine = useResource(async () => (await call("getMyClosingSurvey", { params: { id: tandem.id } })).data.answer, [call, tandem.id]);
  const [helped, setHelped] = useState<YesNo>("");
  const [again, setAgain] = useState<YesNo>("");
  const [learned, setLearned] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const yesNo = (b: boolean) => t(b ? "survey.yes" : "survey.no");
  // What the api refused, next to its field, in the person's words (the notice below only says to look there).
  const fields = apiFieldErrors(error, t);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = (await call("answerClosingSurvey", { params: { id: tandem.id }, body: { helped: helped === "yes", again: again === "yes", learned } })).data;
      mine.set(() => saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (mine.error !== undefined) return <ErrorNotice error={mine.error} onRetry={mine.reload} />;
  if (mine.loading) return null;
  return (
    <section className={s.root} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id}>
        {t("survey.title")}
      </Subtitle2>
      {mine.data ? (
        <Text role="status">
          {t("survey.thanks")} {t("survey.answered", { helped: yesNo(mine.data.helped), again: yesNo(mine.data.again) })}
        </Text>
      ) : (
        <form
          className={s.form}
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Text>{t("survey.intro")}</Text>
          <Field label={t("survey.helped")} required {...fieldState(fields.helped)}>
            <RadioGroup layout="horizontal" value={helped} onChange={(_, d) => setHelped(d.value as YesNo)}>
              <Radio value="yes" label={t("survey.yes")} />
              <Radio value="no" label={t("survey.no")} />
            </RadioGroup>
          </Field>
          <Field label={t("survey.again")} required {...fieldState(fields.again)}>
            <RadioGroup layout="horizontal" value={again} onChange={(_, d) => setAgain(d.value as YesNo)}>
              <Radio value="yes" label={t("survey.yes")} />
              <Radio value="no" label={t("survey.no")} />
            </RadioGroup>
          </Field>
          <Field label={t("survey.learned")} hint={t("survey.learned.hint")} {...fieldState(fields.learned)}>
            <Textarea value={learned} onChange={(_, d) => setLearned(d.value)} maxLength={2000} />
          </Field>
          {error !== undefined && <ErrorNotice error={error} />}
          <Button className={s.send} type="submit" appearance="primary" disabled={busy || !helped || !again}>
            {t(busy ? "survey.sending" : "survey.send")}
          </Button>
        </form>
      )}
    </section>
  );
}
