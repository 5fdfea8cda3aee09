import { configure } from "@testing-library/dom";

// findBy* waits 1 s by default; a dialog mounting through Fluent's motion in happy-dom can take longer on a busy
// two-core CI machine. A person would wait for it too: this is patience, not a timed assertion.
configure({ asyncUtilTimeout: 10_000 });

// happy-dom lays nothing out, so <body> measures 0×0. Tabster, Fluent's focus manager, reads that as a page in a
// hidden iframe and finds nothing focusable: a dialog then focuses its own surface instead of its first control,
// and tabster hides the dialog from assistive technology 250 ms later (tests failed when a busy machine took
// longer than that to click). A real page's body has the window's size.
Object.defineProperty(HTMLBodyElement.prototype, "getBoundingClientRect", {
  configurable: true,
  value(this: HTMLBodyElement) {
    return DOMRect.fromRect({ x: 0, y: 0, width: window.innerWidth || 1024, height: window.innerHeight || 768 });
  },
});
