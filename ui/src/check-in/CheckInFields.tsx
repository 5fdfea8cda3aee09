import { Field, Rating, Textarea } from "@fluentui/react-components";
import { useUiI18n } from "../i18n/react";
import type { MyCheckIn } from "./use-my-check-in";

/**
 * The check-in's three questions (what I learned, what I will try, how useful it was), for the tab's dialog and
 * the add-in's inline form alike. `resize`: a narrow pane lets people make the text boxes taller.
 */
export function CheckInFields({ form, resize }: { form: MyCheckIn; resize?: "vertical" }) {
  const { t } = useUiI18n();
  return (
    <>
      <Field label={t("checkin.learned")} {...form.field("learned")}>
        <Textarea value={form.learned} maxLength={2000} resize={resize} onChange={(_, d) => form.setLearned(d.value)} />
      </Field>
      <Field label={t("checkin.willTry")} {...form.field("willTry")}>
        <Textarea value={form.willTry} maxLength={2000} resize={resize} onChange={(_, d) => form.setWillTry(d.value)} />
      </Field>
      <Field label={t("checkin.rating")} required {...form.field("rating")}>
        <Rating
          value={form.rating}
          max={5}
          onChange={(_, d) => form.setRating(d.value)}
          itemLabel={(n) => t("checkin.ratingValue", { value: n })}
        />
      </Field>
    </>
  );
}
