import { appMessages } from "../app/messages";
import { bookingMessages } from "../features/booking/messages";
import { meetingMessages } from "../features/meeting/messages";
import { checkInMessages } from "../features/checkin/messages";

/** Every string the task pane shows, in English; each feature owns its messages beside its code. */
export const en = {
  ...appMessages.en,
  ...bookingMessages.en,
  ...meetingMessages.en,
  ...checkInMessages.en,
};
export type MessageKey = keyof typeof en;
