// Which frame can answer which request. A line that holds a reply back delivers it with the
// next one, so a chunk may carry a stale answer to an earlier request: matching by kind keeps
// an echo from being read as a status, and a status from being read as an echo.
import { Cmd, Status } from './codes';

export interface Request {
  cmd: number;
  data: Buffer;
}

const isStatus = (code: number): boolean =>
  (code >= Status.IDLING && code <= Status.INITIALIZE) ||
  (code >= Status.POWER_UP && code <= Status.INVALID_COMMAND);

/** Whether a frame with this command byte can be the acceptor's reply to `request`. */
export function answers(request: number, reply: number): boolean {
  if (reply === Status.INVALID_COMMAND || reply === Status.COMMUNICATION_ERROR) return true;
  switch (request) {
    case Cmd.STATUS_REQ:
      return isStatus(reply);
    case Cmd.RESET:
    case Cmd.STACK_1:
    case Cmd.STACK_2:
    case Cmd.RETURN:
    case Cmd.HOLD:
      return reply === Cmd.ACK;
    default:
      return reply === request; // CURRENCY ASSIGN and the settings are echoed
  }
}
