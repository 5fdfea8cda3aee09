import { Spinner } from "@fluentui/react-components";
import { useT } from "../i18n/i18n";

/** What a view shows while its data loads, announced to screen readers. */
export function Loading() {
  const t = useT();
  return <Spinner size="small" label={t("common.loading")} />;
}
