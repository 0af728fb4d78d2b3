/**
 * What a `protobuf` payload must be, whichever way it reaches the service: the bytes of a
 * serialized `google.protobuf.Any`. A protobuf client's frame carries one by construction; a JSON
 * client's base64 and a hook's bytes are checked here, so that every protobuf receiver can read
 * the message it is given (protobuf receivers get the `Any` itself, not its bytes).
 */
import { google } from "../../protocol/protobuf/webpubsub.v1.js";

/** Why `bytes` is not a serialized `google.protobuf.Any`, or `undefined` when it is one. */
export function anyProblem(bytes: Uint8Array): string | undefined {
  try {
    google.protobuf.Any.decode(bytes);
    return undefined;
  } catch {
    return "'data' must be a serialized google.protobuf.Any when dataType is protobuf";
  }
}
