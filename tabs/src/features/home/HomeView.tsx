import { useRef, useState } from "react";
import { Button, Card, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Subtitle1, Text, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useSession } from "../../app/session";
import { useResource } from "@tandem/ui";
import { useT } from "../../i18n/i18n";
import { ErrorNotice } from "@tandem/ui";
import { ViewSkeleton } from "../../components/ViewSkeleton";
import { trainingModules } from "../training/modules";
import { TandemCard } from "./TandemCard";
import { isEarlier } from "./load";

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalL, paddingBlock: tokens.spacingVerticalM },
  header: { display: "grid", gap: tokens.spacingVerticalXS },
  list: { display: "grid", gap: tokens.spacingVerticalL },
  empty: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXL, justifyItems: "start" },
});

export function HomeView() {
  const t = useT();
  const styles = useStyles();
  const { call, me, prefetched } = useSession();
  // The first load uses the request the app started while it was loading (boot.ts), already there or not.
  const [early] = useState(() => prefetched.take("tandems"));
  const waitForEarly = useRef(early !== undefined && !early.ready);
  const tandems = useResource(
    () => {
      if (early && waitForEarly.current) {
        waitForEarly.current = false;
        return early.promise;
      }
      return call("listTandems").then((r) => r.data.items);
    },
    [call],
    early?.value,
  );
  // Proposals that never ran (declined, withdrawn) go below the tandems that matter now.
  const current = tandems.data?.filter((x) => !isEarlier(x.status)) ?? [];
  const earlier = tandems.data?.filter((x) => isEarlier(x.status)) ?? [];
  const firstName = me.displayName.split(" ")[0] ?? me.displayName;
  const mentor = me.roles.includes("mentor");
  const done = me.profile?.trainingCompleted.filter((m) => trainingModules.includes(m as never)).length ?? 0;

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">{t("home.hello", { name: firstName })}</Title2>
        <Text>{t("home.intro")}</Text>
      </header>
      {mentor && done < trainingModules.length && (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            <MessageBarTitle>{t("home.training.title")}</MessageBarTitle>
            {t("home.training.body", { done, total: trainingModules.length })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => (window.location.hash = "/training")}>{t("home.training.action")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {tandems.loading && !tandems.data && <ViewSkeleton />}
      {tandems.error !== undefined && <ErrorNotice error={tandems.error} onRetry={tandems.reload} />}
      {tandems.data?.length === 0 && (
        <Card className={styles.empty}>
          <Title2 as="h2">{t("home.empty.title")}</Title2>
          <Text>{t(mentor ? "home.empty.mentor" : "home.empty.mentee")}</Text>
          <Button appearance="primary" onClick={() => (window.location.hash = "/profile")}>
            {t("home.empty.action")}
          </Button>
        </Card>
      )}
      <div className={styles.list}>
        {current.map((tandem) => (
          <TandemCard key={tandem.id} tandem={tandem} onChanged={tandems.reload} />
        ))}
      </div>
      {earlier.length > 0 && (
        <section className={styles.list} aria-labelledby="home-earlier">
          <div className={styles.header}>
            <Subtitle1 as="h2" id="home-earlier">
              {t("home.earlier")}
            </Subtitle1>
            <Text>{t("home.earlier.intro")}</Text>
          </div>
          {earlier.map((tandem) => (
            <TandemCard key={tandem.id} tandem={tandem} onChanged={tandems.reload} />
          ))}
        </section>
      )}
    </div>
  );
}
