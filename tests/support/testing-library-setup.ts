import { configure } from "@testing-library/dom";

// findBy* waits 1 s by default; a dialog mounting through Fluent's motion in happy-dom can take longer on a busy
// two-core CI machine. A person would wait for it too: this is patience, not a timed assertion.
configure({ asyncUtilTimeout: 10_000 });
