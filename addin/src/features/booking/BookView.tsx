import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { ErrorNotice, useResource } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { Loading } from "../../components/Loading";
import { BookingFlow } from "./BookingFlow";
import { isBookable } from "./plan";

/** The booking view: loads my tandems and the cycles (for their cadence), then runs the flow. */
export function BookView() {
  const { call } = useSession();
  const { t } = useI18n();
  const data = useResource(async () => {
    const [tandems, cycles] = await Promise.all([call("listTandems", { query: { scope: "mine" } }), call("listCycles")]);
    return { tandems: tandems.data.items.filter(isBookable), cycles: cycles.data.items };
  }, []);
  if (data.error) return <ErrorNotice error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  if (data.data.tandems.length === 0) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("booking.none")}</MessageBarBody>
      </MessageBar>
    );
  }
  return <BookingFlow tandems={data.data.tandems} cycles={data.data.cycles} />;
}
