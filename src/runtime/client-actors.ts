/**
 * The client machine with this build's actor implementations, provided once and shared by every
 * client. `machine.provide(...)` builds a whole new machine (every state node, and later their
 * memoised transitions): ~60 KiB of heap, several times what a connected client needs otherwise.
 * So the provided logics are shared, and each client's own dependencies (its socket options,
 * credential, link) are looked up by the actor system the client's root actor runs in, which
 * XState hands every invoked actor.
 */
import { fromCallback, fromPromise, type AnyActorRef } from "xstate";

/** The actor system of a client's root actor (shared by all its invoked actors). */
type AnyActorSystem = AnyActorRef["system"];
import { clientMachine, type SocketCommand } from "../../machines/client.machine.js";
import type { SocketSession } from "./socket-session.js";
import type { WebPubSubClientCredential } from "../types.js";
import { resolveClientAccessUrl } from "./credential.js";
import { createDefaultEnvironment, type EnvironmentReporter } from "./environment.js";

/** One client's dependencies of the shared actor logics. */
export interface ClientPorts {
  /** The socket actor's body for this client. */
  readonly socket: SocketSession;
  /** Where fresh client access URLs come from. */
  readonly credential: WebPubSubClientCredential;
}

const PORTS = new WeakMap<AnyActorSystem, ClientPorts>();

/** Binds a client's ports to its root actor's system; call after `createActor`, before `start`. */
export function attachPorts(system: AnyActorSystem, ports: ClientPorts): void {
  PORTS.set(system, ports);
}

function portsOf(system: AnyActorSystem): ClientPorts {
  const ports = PORTS.get(system);
  if (ports === undefined) throw new Error("No client is attached to this actor system.");
  return ports;
}

/**
 * The `socket` actor also runs the environment's reporter, if this build has one (browsers): the
 * machine's `NETWORK.*`, `PAGE.*` and `CLOCK.JUMPED` come from it, without an actor of their own
 * (each invoked actor costs ~1.5 KiB of heap per client).
 */
function socketLogic(environment: EnvironmentReporter | undefined) {
  return fromCallback<SocketCommand>((args) => {
    const session = portsOf(args.system).socket;
    const run = session.start(args.sendBack);
    args.receive((command) => session.command(command));
    const stopEnvironment = environment?.(args);
    return () => {
      stopEnvironment?.();
      session.stop(run);
    };
  });
}

function provideClientMachine(environment: EnvironmentReporter | undefined) {
  return clientMachine.provide({
    actors: {
      socket: socketLogic(environment),
      resolveUrl: fromPromise<string>(({ system }) => resolveClientAccessUrl(portsOf(system).credential)),
    },
  });
}

type ProvidedClientMachine = ReturnType<typeof provideClientMachine>;
let shared: ProvidedClientMachine | undefined;

/**
 * The provided client machine: the shared one for this build's environment, or (tests that
 * script the environment) one of its own.
 */
export function providedClientMachine(environment?: EnvironmentReporter): ProvidedClientMachine {
  if (environment !== undefined) return provideClientMachine(environment);
  return (shared ??= provideClientMachine(createDefaultEnvironment()));
}
