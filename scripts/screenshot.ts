/** Dev aid: `node --import tsx scripts/screenshot.ts <url> <out.png> [width]` with Debian's Chromium. */
import { launchChromium, localContext } from "../tests/support/browser";

const [url, out, width] = process.argv.slice(2);
const browser = await launchChromium();
const context = await localContext(browser, { width: Number(width ?? 1200) });
const page = await context.newPage();
page.on("console", (m) => m.type() === "error" && console.error(m.text()));
await page.goto(url!);
await page.waitForTimeout(2500);
await page.screenshot({ path: out!, fullPage: true });
await browser.close();
