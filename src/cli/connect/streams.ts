/**
 * Group streams in `wps connect`: the `stream open|write|end|abort` commands over the client's
 * writers, and every inbound stream printed fragment by fragment, then how it ended.
 */
import type { WebPubSubClient } from "../../client.js";
import type { StreamDataError } from "../../protocol/messages.js";
import type { GroupStream, GroupStreamWriter } from "../../stream-types.js";
import type { ConnectCommand } from "./commands.js";
import { printableData, type OutputRecord } from "./output.js";

/** The stream commands of the typed-line language. */
export type StreamCommand = Extract<
  ConnectCommand,
  { kind: "stream-open" | "stream-write" | "stream-end" | "stream-abort" }
>;

interface OpenWriter {
  readonly writer: GroupStreamWriter;
  /** Fragments written so far. */
  written: number;
}

function describe(error: unknown): { error: string; message: string } {
  if (error instanceof Error) return { error: error.name, message: error.message };
  const detail = error as Partial<StreamDataError> | undefined;
  return { error: detail?.name ?? "Error", message: detail?.message ?? String(error) };
}

export class ConnectStreams {
  private readonly writers = new Map<string, OpenWriter>();
  private opened = 0;

  constructor(
    private readonly client: WebPubSubClient,
    private readonly print: (record: OutputRecord) => void,
  ) {
    client.onGroupStream((stream) => this.read(stream));
  }

  /** Runs one `stream …` command; failures are printed, never thrown. */
  async run(command: StreamCommand): Promise<void> {
    const name = `stream ${command.kind.slice("stream-".length)}`;
    const target = command.kind === "stream-open" ? (command.streamId ?? command.group) : command.streamId;
    try {
      await this.perform(command);
    } catch (error) {
      this.print({ type: "error", command: name, target, ...describe(error) });
    }
  }

  private async perform(command: StreamCommand): Promise<void> {
    if (command.kind === "stream-open") {
      // Short ids are easier to type than the UUIDs the client would choose.
      const streamId = command.streamId ?? `s${++this.opened}`;
      const writer = await this.client.openGroupStream(command.group, { streamId });
      this.writers.set(streamId, { writer, written: 0 });
      writer.onError((error) => {
        this.writers.delete(streamId);
        this.print({ type: "error", command: "stream", target: streamId, ...describe(error) });
      });
      this.print({ type: "stream", action: "opened", streamId, group: command.group });
      return;
    }
    const open = this.writers.get(command.streamId);
    if (open === undefined) {
      throw new Error(`no open stream '${command.streamId}' (open one with: stream open <group> [id])`);
    }
    switch (command.kind) {
      case "stream-write": {
        await open.writer.write(command.payload.data, command.payload.dataType);
        open.written++;
        this.print({ type: "stream", action: "written", streamId: command.streamId, n: open.written });
        return;
      }
      case "stream-end":
        this.writers.delete(command.streamId);
        await open.writer.end();
        this.print({ type: "stream", action: "ended", streamId: command.streamId });
        return;
      case "stream-abort":
        this.writers.delete(command.streamId);
        await open.writer.abort(command.message === undefined ? {} : { message: command.message });
        this.print({ type: "stream", action: "aborted", streamId: command.streamId });
        return;
    }
  }

  private read(stream: GroupStream): void {
    const { groupName: group, streamId } = stream;
    void (async () => {
      try {
        for await (const fragment of stream) {
          this.print({
            type: "stream-fragment",
            group,
            streamId,
            fromUserId: fragment.fromUserId ?? "",
            n: fragment.stream.streamSequenceId,
            dataType: fragment.dataType,
            data: printableData(fragment.data),
          });
        }
        this.print({ type: "stream-end", group, streamId });
      } catch (error) {
        const detail = error as Partial<StreamDataError>;
        this.print({
          type: "stream-end",
          group,
          streamId,
          ...describe(error),
          ...(detail.userErrorCode === undefined ? {} : { userErrorCode: detail.userErrorCode }),
        });
      }
    })();
  }
}
