/**
 * The client machine's parts, put together with XState's `setup`: types, actors, guards, delays
 * and actions. The state modules take their typed config helper (`createStateConfig`) from here.
 */
import { setup } from "xstate";
import { actions } from "./actions.js";
import { actors } from "./actors.js";
import { delays } from "./delays.js";
import { guards } from "./guards.js";
import type {
  ClientContext,
  ClientEmitted,
  ClientEvent,
  ClientMachineInput,
  ClientStateTag,
} from "./types.js";

export const clientSetup = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientMachineInput,
    emitted: {} as ClientEmitted,
    tags: {} as ClientStateTag,
  },
  actors,
  guards,
  delays,
  actions,
});
