/**
 * A thin stand-in for the Microsoft Teams client, which cannot run here: a page that frames the tab and answers
 * the teams-js postMessage protocol (initialize, getContext, authentication.getAuthToken, executeDeepLink) the
 * way Teams does, and can push a theme change. It records what the tab asked for.
 */
export function teamsHostPage(options: { tabUrl: string; token: string; theme: string; locale: string; loginHint: string }) {
  const context = {
    theme: options.theme,
    locale: options.locale,
    loginHint: options.loginHint,
    userPrincipalName: options.loginHint,
    frameContext: "content",
    hostClientType: "web",
    appSessionId: "00000000-0000-4000-8000-000000000001",
  };
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Microsoft Teams (test host)</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style></head>
<body><iframe id="tab" src="${options.tabUrl}"></iframe>
<script>
  window.__asked = [];
  window.__opened = [];
  const context = ${JSON.stringify(context)};
  const frame = document.getElementById("tab");
  window.addEventListener("message", (e) => {
    const m = e.data;
    if (!m || typeof m.func !== "string" || e.source !== frame.contentWindow) return;
    window.__asked.push(m.func);
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    switch (m.func) {
      case "initialize": return reply(["content", "web", "", "2.0.0"]);
      case "getContext": return reply([context]);
      case "authentication.getAuthToken": return reply([true, ${JSON.stringify(options.token)}]);
      case "executeDeepLink": window.__opened.push(m.args[0]); return reply([true]);
      default: return reply([]);
    }
  });
  window.setTeamsTheme = (theme) => frame.contentWindow.postMessage({ func: "themeChange", args: [theme] }, "*");
</script></body></html>`;
}
