import { appMessages } from "../app/messages";
import { bookingMessages } from "../features/booking/messages";
import { meetingMessages } from "../features/meeting/messages";
import { checkInMessages } from "../features/checkin/messages";
import type { MessageKey } from "./en";

/** Every string the task pane shows, in French: the type makes a missing translation a compile error. */
export const fr: Record<MessageKey, string> = {
  ...appMessages.fr,
  ...bookingMessages.fr,
  ...meetingMessages.fr,
  ...checkInMessages.fr,
};
