import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace azure. */
export namespace azure {

    /** Namespace webpubsub. */
    namespace webpubsub {

        /**
         * Properties of an UpstreamMessage.
         * @deprecated Use azure.webpubsub.UpstreamMessage.$Properties instead.
         */
        interface IUpstreamMessage extends azure.webpubsub.UpstreamMessage.$Properties {
        }

        /** Represents an UpstreamMessage. */
        class UpstreamMessage {

            /**
             * Constructs a new UpstreamMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: azure.webpubsub.UpstreamMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UpstreamMessage sendToGroupMessage. */
            sendToGroupMessage: (azure.webpubsub.UpstreamMessage.SendToGroupMessage|null);

            /** UpstreamMessage eventMessage. */
            eventMessage: (azure.webpubsub.UpstreamMessage.EventMessage|null);

            /** UpstreamMessage joinGroupMessage. */
            joinGroupMessage: (azure.webpubsub.UpstreamMessage.JoinGroupMessage|null);

            /** UpstreamMessage leaveGroupMessage. */
            leaveGroupMessage: (azure.webpubsub.UpstreamMessage.LeaveGroupMessage|null);

            /** UpstreamMessage sequenceAckMessage. */
            sequenceAckMessage: (azure.webpubsub.UpstreamMessage.SequenceAckMessage|null);

            /** UpstreamMessage pingMessage. */
            pingMessage: (azure.webpubsub.UpstreamMessage.PingMessage|null);

            /** UpstreamMessage invokeEventMessage. */
            invokeEventMessage: (azure.webpubsub.UpstreamMessage.InvokeEventMessage|null);

            /** UpstreamMessage cancelInvocationMessage. */
            cancelInvocationMessage: (azure.webpubsub.UpstreamMessage.CancelInvocationMessage|null);

            /** UpstreamMessage message. */
            message?: ("sendToGroupMessage"|"eventMessage"|"joinGroupMessage"|"leaveGroupMessage"|"sequenceAckMessage"|"pingMessage"|"invokeEventMessage"|"cancelInvocationMessage");

            /**
             * Creates a new UpstreamMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpstreamMessage instance
             */
            static create(properties: azure.webpubsub.UpstreamMessage.$Shape): azure.webpubsub.UpstreamMessage & azure.webpubsub.UpstreamMessage.$Shape;
            static create(properties?: azure.webpubsub.UpstreamMessage.$Properties): azure.webpubsub.UpstreamMessage;

            /**
             * Encodes the specified UpstreamMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.verify|verify} messages.
             * @param message UpstreamMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: azure.webpubsub.UpstreamMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpstreamMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {azure.webpubsub.UpstreamMessage & azure.webpubsub.UpstreamMessage.$Shape} UpstreamMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage & azure.webpubsub.UpstreamMessage.$Shape;
        }

        namespace UpstreamMessage {

            /** Properties of an UpstreamMessage. */
            interface $Properties {

                /** UpstreamMessage sendToGroupMessage */
                sendToGroupMessage?: (azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties|null);

                /** UpstreamMessage eventMessage */
                eventMessage?: (azure.webpubsub.UpstreamMessage.EventMessage.$Properties|null);

                /** UpstreamMessage joinGroupMessage */
                joinGroupMessage?: (azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties|null);

                /** UpstreamMessage leaveGroupMessage */
                leaveGroupMessage?: (azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties|null);

                /** UpstreamMessage sequenceAckMessage */
                sequenceAckMessage?: (azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties|null);

                /** UpstreamMessage pingMessage */
                pingMessage?: (azure.webpubsub.UpstreamMessage.PingMessage.$Properties|null);

                /** UpstreamMessage invokeEventMessage */
                invokeEventMessage?: (azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties|null);

                /** UpstreamMessage cancelInvocationMessage */
                cancelInvocationMessage?: (azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties|null);

                /** UpstreamMessage message */
                message?: ("sendToGroupMessage"|"eventMessage"|"joinGroupMessage"|"leaveGroupMessage"|"sequenceAckMessage"|"pingMessage"|"invokeEventMessage"|"cancelInvocationMessage");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an UpstreamMessage. */
            type $Shape = {
              sendToGroupMessage?: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape|null;
              eventMessage?: azure.webpubsub.UpstreamMessage.EventMessage.$Shape|null;
              joinGroupMessage?: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape|null;
              leaveGroupMessage?: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape|null;
              sequenceAckMessage?: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape|null;
              pingMessage?: azure.webpubsub.UpstreamMessage.PingMessage.$Shape|null;
              invokeEventMessage?: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape|null;
              cancelInvocationMessage?: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ message?: undefined; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "sendToGroupMessage"; sendToGroupMessage: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "eventMessage"; sendToGroupMessage?: null; eventMessage: azure.webpubsub.UpstreamMessage.EventMessage.$Shape; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "joinGroupMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "leaveGroupMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "sequenceAckMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "pingMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage: azure.webpubsub.UpstreamMessage.PingMessage.$Shape; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "invokeEventMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape; cancelInvocationMessage?: null }|{ message?: "cancelInvocationMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape })
            );

            /**
             * Properties of a SendToGroupMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties instead.
             */
            interface ISendToGroupMessage extends azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties {
            }

            /** Represents a SendToGroupMessage. */
            class SendToGroupMessage {

                /**
                 * Constructs a new SendToGroupMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SendToGroupMessage group. */
                group: string;

                /** SendToGroupMessage ackId. */
                ackId: (number|Long|null);

                /** SendToGroupMessage data. */
                data: azure.webpubsub.MessageData;

                /** SendToGroupMessage noEcho. */
                noEcho: (boolean|null);

                /**
                 * Creates a new SendToGroupMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SendToGroupMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.SendToGroupMessage & azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.SendToGroupMessage;

                /**
                 * Encodes the specified SendToGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.SendToGroupMessage.verify|verify} messages.
                 * @param message SendToGroupMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SendToGroupMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.SendToGroupMessage & azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape} SendToGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.SendToGroupMessage & azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape;
            }

            namespace SendToGroupMessage {

                /** Properties of a SendToGroupMessage. */
                interface $Properties {

                    /** SendToGroupMessage group */
                    group?: string;

                    /** SendToGroupMessage ackId */
                    ackId?: (number|Long|null);

                    /** SendToGroupMessage data */
                    data?: azure.webpubsub.MessageData.$Properties;

                    /** SendToGroupMessage noEcho */
                    noEcho?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SendToGroupMessage. */
                type $Shape = {
                  group?: string;
                  ackId?: number|Long|null;
                  data?: azure.webpubsub.MessageData.$Shape;
                  noEcho?: boolean|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of an EventMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.EventMessage.$Properties instead.
             */
            interface IEventMessage extends azure.webpubsub.UpstreamMessage.EventMessage.$Properties {
            }

            /** Represents an EventMessage. */
            class EventMessage {

                /**
                 * Constructs a new EventMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.EventMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** EventMessage event. */
                event: string;

                /** EventMessage data. */
                data: azure.webpubsub.MessageData;

                /** EventMessage ackId. */
                ackId: (number|Long|null);

                /**
                 * Creates a new EventMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns EventMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.EventMessage.$Shape): azure.webpubsub.UpstreamMessage.EventMessage & azure.webpubsub.UpstreamMessage.EventMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.EventMessage.$Properties): azure.webpubsub.UpstreamMessage.EventMessage;

                /**
                 * Encodes the specified EventMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.EventMessage.verify|verify} messages.
                 * @param message EventMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.EventMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EventMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.EventMessage & azure.webpubsub.UpstreamMessage.EventMessage.$Shape} EventMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.EventMessage & azure.webpubsub.UpstreamMessage.EventMessage.$Shape;
            }

            namespace EventMessage {

                /** Properties of an EventMessage. */
                interface $Properties {

                    /** EventMessage event */
                    event?: string;

                    /** EventMessage data */
                    data?: azure.webpubsub.MessageData.$Properties;

                    /** EventMessage ackId */
                    ackId?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an EventMessage. */
                type $Shape = {
                  event?: string;
                  data?: azure.webpubsub.MessageData.$Shape;
                  ackId?: number|Long|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a JoinGroupMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties instead.
             */
            interface IJoinGroupMessage extends azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties {
            }

            /** Represents a JoinGroupMessage. */
            class JoinGroupMessage {

                /**
                 * Constructs a new JoinGroupMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** JoinGroupMessage group. */
                group: string;

                /** JoinGroupMessage ackId. */
                ackId: (number|Long|null);

                /**
                 * Creates a new JoinGroupMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns JoinGroupMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.JoinGroupMessage & azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.JoinGroupMessage;

                /**
                 * Encodes the specified JoinGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.JoinGroupMessage.verify|verify} messages.
                 * @param message JoinGroupMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a JoinGroupMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.JoinGroupMessage & azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape} JoinGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.JoinGroupMessage & azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape;
            }

            namespace JoinGroupMessage {

                /** Properties of a JoinGroupMessage. */
                interface $Properties {

                    /** JoinGroupMessage group */
                    group?: string;

                    /** JoinGroupMessage ackId */
                    ackId?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a JoinGroupMessage. */
                type $Shape = azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties;
            }

            /**
             * Properties of a LeaveGroupMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties instead.
             */
            interface ILeaveGroupMessage extends azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties {
            }

            /** Represents a LeaveGroupMessage. */
            class LeaveGroupMessage {

                /**
                 * Constructs a new LeaveGroupMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LeaveGroupMessage group. */
                group: string;

                /** LeaveGroupMessage ackId. */
                ackId: (number|Long|null);

                /**
                 * Creates a new LeaveGroupMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LeaveGroupMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.LeaveGroupMessage & azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.LeaveGroupMessage;

                /**
                 * Encodes the specified LeaveGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.LeaveGroupMessage.verify|verify} messages.
                 * @param message LeaveGroupMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LeaveGroupMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.LeaveGroupMessage & azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape} LeaveGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.LeaveGroupMessage & azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape;
            }

            namespace LeaveGroupMessage {

                /** Properties of a LeaveGroupMessage. */
                interface $Properties {

                    /** LeaveGroupMessage group */
                    group?: string;

                    /** LeaveGroupMessage ackId */
                    ackId?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LeaveGroupMessage. */
                type $Shape = azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties;
            }

            /**
             * Properties of a SequenceAckMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties instead.
             */
            interface ISequenceAckMessage extends azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties {
            }

            /** Represents a SequenceAckMessage. */
            class SequenceAckMessage {

                /**
                 * Constructs a new SequenceAckMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SequenceAckMessage sequenceId. */
                sequenceId: (number|Long);

                /**
                 * Creates a new SequenceAckMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SequenceAckMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape): azure.webpubsub.UpstreamMessage.SequenceAckMessage & azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties): azure.webpubsub.UpstreamMessage.SequenceAckMessage;

                /**
                 * Encodes the specified SequenceAckMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.SequenceAckMessage.verify|verify} messages.
                 * @param message SequenceAckMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SequenceAckMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.SequenceAckMessage & azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape} SequenceAckMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.SequenceAckMessage & azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape;
            }

            namespace SequenceAckMessage {

                /** Properties of a SequenceAckMessage. */
                interface $Properties {

                    /** SequenceAckMessage sequenceId */
                    sequenceId?: (number|Long);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SequenceAckMessage. */
                type $Shape = azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties;
            }

            /**
             * Properties of a PingMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.PingMessage.$Properties instead.
             */
            interface IPingMessage extends azure.webpubsub.UpstreamMessage.PingMessage.$Properties {
            }

            /** Represents a PingMessage. */
            class PingMessage {

                /**
                 * Constructs a new PingMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.PingMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new PingMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PingMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.PingMessage.$Shape): azure.webpubsub.UpstreamMessage.PingMessage & azure.webpubsub.UpstreamMessage.PingMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.PingMessage.$Properties): azure.webpubsub.UpstreamMessage.PingMessage;

                /**
                 * Encodes the specified PingMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.PingMessage.verify|verify} messages.
                 * @param message PingMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.PingMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PingMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.PingMessage & azure.webpubsub.UpstreamMessage.PingMessage.$Shape} PingMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.PingMessage & azure.webpubsub.UpstreamMessage.PingMessage.$Shape;
            }

            namespace PingMessage {

                /** Properties of a PingMessage. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PingMessage. */
                type $Shape = azure.webpubsub.UpstreamMessage.PingMessage.$Properties;
            }

            /**
             * Properties of an InvokeEventMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties instead.
             */
            interface IInvokeEventMessage extends azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties {
            }

            /** Represents an InvokeEventMessage. */
            class InvokeEventMessage {

                /**
                 * Constructs a new InvokeEventMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** InvokeEventMessage event. */
                event: string;

                /** InvokeEventMessage invocationId. */
                invocationId: string;

                /** InvokeEventMessage data. */
                data: azure.webpubsub.MessageData;

                /**
                 * Creates a new InvokeEventMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InvokeEventMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape): azure.webpubsub.UpstreamMessage.InvokeEventMessage & azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties): azure.webpubsub.UpstreamMessage.InvokeEventMessage;

                /**
                 * Encodes the specified InvokeEventMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.InvokeEventMessage.verify|verify} messages.
                 * @param message InvokeEventMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InvokeEventMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.InvokeEventMessage & azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape} InvokeEventMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.InvokeEventMessage & azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape;
            }

            namespace InvokeEventMessage {

                /** Properties of an InvokeEventMessage. */
                interface $Properties {

                    /** InvokeEventMessage event */
                    event?: string;

                    /** InvokeEventMessage invocationId */
                    invocationId?: string;

                    /** InvokeEventMessage data */
                    data?: azure.webpubsub.MessageData.$Properties;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InvokeEventMessage. */
                type $Shape = {
                  event?: string;
                  invocationId?: string;
                  data?: azure.webpubsub.MessageData.$Shape;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a CancelInvocationMessage.
             * @deprecated Use azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties instead.
             */
            interface ICancelInvocationMessage extends azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties {
            }

            /** Represents a CancelInvocationMessage. */
            class CancelInvocationMessage {

                /**
                 * Constructs a new CancelInvocationMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CancelInvocationMessage invocationId. */
                invocationId: string;

                /**
                 * Creates a new CancelInvocationMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CancelInvocationMessage instance
                 */
                static create(properties: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape): azure.webpubsub.UpstreamMessage.CancelInvocationMessage & azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape;
                static create(properties?: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties): azure.webpubsub.UpstreamMessage.CancelInvocationMessage;

                /**
                 * Encodes the specified CancelInvocationMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.CancelInvocationMessage.verify|verify} messages.
                 * @param message CancelInvocationMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CancelInvocationMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.CancelInvocationMessage & azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape} CancelInvocationMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.UpstreamMessage.CancelInvocationMessage & azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape;
            }

            namespace CancelInvocationMessage {

                /** Properties of a CancelInvocationMessage. */
                interface $Properties {

                    /** CancelInvocationMessage invocationId */
                    invocationId?: string;

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CancelInvocationMessage. */
                type $Shape = azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties;
            }
        }

        /**
         * Properties of a DownstreamMessage.
         * @deprecated Use azure.webpubsub.DownstreamMessage.$Properties instead.
         */
        interface IDownstreamMessage extends azure.webpubsub.DownstreamMessage.$Properties {
        }

        /** Represents a DownstreamMessage. */
        class DownstreamMessage {

            /**
             * Constructs a new DownstreamMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: azure.webpubsub.DownstreamMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DownstreamMessage ackMessage. */
            ackMessage: (azure.webpubsub.DownstreamMessage.AckMessage|null);

            /** DownstreamMessage dataMessage. */
            dataMessage: (azure.webpubsub.DownstreamMessage.DataMessage|null);

            /** DownstreamMessage systemMessage. */
            systemMessage: (azure.webpubsub.DownstreamMessage.SystemMessage|null);

            /** DownstreamMessage pongMessage. */
            pongMessage: (azure.webpubsub.DownstreamMessage.PongMessage|null);

            /** DownstreamMessage invokeResponseMessage. */
            invokeResponseMessage: (azure.webpubsub.DownstreamMessage.InvokeResponseMessage|null);

            /** DownstreamMessage message. */
            message?: ("ackMessage"|"dataMessage"|"systemMessage"|"pongMessage"|"invokeResponseMessage");

            /**
             * Creates a new DownstreamMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DownstreamMessage instance
             */
            static create(properties: azure.webpubsub.DownstreamMessage.$Shape): azure.webpubsub.DownstreamMessage & azure.webpubsub.DownstreamMessage.$Shape;
            static create(properties?: azure.webpubsub.DownstreamMessage.$Properties): azure.webpubsub.DownstreamMessage;

            /**
             * Encodes the specified DownstreamMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.verify|verify} messages.
             * @param message DownstreamMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: azure.webpubsub.DownstreamMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DownstreamMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {azure.webpubsub.DownstreamMessage & azure.webpubsub.DownstreamMessage.$Shape} DownstreamMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage & azure.webpubsub.DownstreamMessage.$Shape;
        }

        namespace DownstreamMessage {

            /** Properties of a DownstreamMessage. */
            interface $Properties {

                /** DownstreamMessage ackMessage */
                ackMessage?: (azure.webpubsub.DownstreamMessage.AckMessage.$Properties|null);

                /** DownstreamMessage dataMessage */
                dataMessage?: (azure.webpubsub.DownstreamMessage.DataMessage.$Properties|null);

                /** DownstreamMessage systemMessage */
                systemMessage?: (azure.webpubsub.DownstreamMessage.SystemMessage.$Properties|null);

                /** DownstreamMessage pongMessage */
                pongMessage?: (azure.webpubsub.DownstreamMessage.PongMessage.$Properties|null);

                /** DownstreamMessage invokeResponseMessage */
                invokeResponseMessage?: (azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties|null);

                /** DownstreamMessage message */
                message?: ("ackMessage"|"dataMessage"|"systemMessage"|"pongMessage"|"invokeResponseMessage");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a DownstreamMessage. */
            type $Shape = {
              ackMessage?: azure.webpubsub.DownstreamMessage.AckMessage.$Shape|null;
              dataMessage?: azure.webpubsub.DownstreamMessage.DataMessage.$Shape|null;
              systemMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape|null;
              pongMessage?: azure.webpubsub.DownstreamMessage.PongMessage.$Shape|null;
              invokeResponseMessage?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ message?: undefined; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "ackMessage"; ackMessage: azure.webpubsub.DownstreamMessage.AckMessage.$Shape; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "dataMessage"; ackMessage?: null; dataMessage: azure.webpubsub.DownstreamMessage.DataMessage.$Shape; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "systemMessage"; ackMessage?: null; dataMessage?: null; systemMessage: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "pongMessage"; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage: azure.webpubsub.DownstreamMessage.PongMessage.$Shape; invokeResponseMessage?: null }|{ message?: "invokeResponseMessage"; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape })
            );

            /**
             * Properties of an AckMessage.
             * @deprecated Use azure.webpubsub.DownstreamMessage.AckMessage.$Properties instead.
             */
            interface IAckMessage extends azure.webpubsub.DownstreamMessage.AckMessage.$Properties {
            }

            /** Represents an AckMessage. */
            class AckMessage {

                /**
                 * Constructs a new AckMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.DownstreamMessage.AckMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AckMessage ackId. */
                ackId: (number|Long);

                /** AckMessage success. */
                success: boolean;

                /** AckMessage error. */
                error: (azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage|null);

                /**
                 * Creates a new AckMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AckMessage instance
                 */
                static create(properties: azure.webpubsub.DownstreamMessage.AckMessage.$Shape): azure.webpubsub.DownstreamMessage.AckMessage & azure.webpubsub.DownstreamMessage.AckMessage.$Shape;
                static create(properties?: azure.webpubsub.DownstreamMessage.AckMessage.$Properties): azure.webpubsub.DownstreamMessage.AckMessage;

                /**
                 * Encodes the specified AckMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.AckMessage.verify|verify} messages.
                 * @param message AckMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.DownstreamMessage.AckMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AckMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.AckMessage & azure.webpubsub.DownstreamMessage.AckMessage.$Shape} AckMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.AckMessage & azure.webpubsub.DownstreamMessage.AckMessage.$Shape;
            }

            namespace AckMessage {

                /** Properties of an AckMessage. */
                interface $Properties {

                    /** AckMessage ackId */
                    ackId?: (number|Long);

                    /** AckMessage success */
                    success?: boolean;

                    /** AckMessage error */
                    error?: (azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AckMessage. */
                type $Shape = azure.webpubsub.DownstreamMessage.AckMessage.$Properties;

                /**
                 * Properties of an ErrorMessage.
                 * @deprecated Use azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties instead.
                 */
                interface IErrorMessage extends azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties {
                }

                /** Represents an ErrorMessage. */
                class ErrorMessage {

                    /**
                     * Constructs a new ErrorMessage.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ErrorMessage name. */
                    name: string;

                    /** ErrorMessage message. */
                    message: string;

                    /**
                     * Creates a new ErrorMessage instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ErrorMessage instance
                     */
                    static create(properties: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape): azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape;
                    static create(properties?: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties): azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage;

                    /**
                     * Encodes the specified ErrorMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.verify|verify} messages.
                     * @param message ErrorMessage message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an ErrorMessage message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape} ErrorMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape;
                }

                namespace ErrorMessage {

                    /** Properties of an ErrorMessage. */
                    interface $Properties {

                        /** ErrorMessage name */
                        name?: string;

                        /** ErrorMessage message */
                        message?: string;

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an ErrorMessage. */
                    type $Shape = azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties;
                }
            }

            /**
             * Properties of a DataMessage.
             * @deprecated Use azure.webpubsub.DownstreamMessage.DataMessage.$Properties instead.
             */
            interface IDataMessage extends azure.webpubsub.DownstreamMessage.DataMessage.$Properties {
            }

            /** Represents a DataMessage. */
            class DataMessage {

                /**
                 * Constructs a new DataMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.DownstreamMessage.DataMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DataMessage from. */
                from: string;

                /** DataMessage group. */
                group: (string|null);

                /** DataMessage data. */
                data: azure.webpubsub.MessageData;

                /** DataMessage sequenceId. */
                sequenceId: (number|Long|null);

                /**
                 * Creates a new DataMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DataMessage instance
                 */
                static create(properties: azure.webpubsub.DownstreamMessage.DataMessage.$Shape): azure.webpubsub.DownstreamMessage.DataMessage & azure.webpubsub.DownstreamMessage.DataMessage.$Shape;
                static create(properties?: azure.webpubsub.DownstreamMessage.DataMessage.$Properties): azure.webpubsub.DownstreamMessage.DataMessage;

                /**
                 * Encodes the specified DataMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.DataMessage.verify|verify} messages.
                 * @param message DataMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.DownstreamMessage.DataMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DataMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.DataMessage & azure.webpubsub.DownstreamMessage.DataMessage.$Shape} DataMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.DataMessage & azure.webpubsub.DownstreamMessage.DataMessage.$Shape;
            }

            namespace DataMessage {

                /** Properties of a DataMessage. */
                interface $Properties {

                    /** DataMessage from */
                    from?: string;

                    /** DataMessage group */
                    group?: (string|null);

                    /** DataMessage data */
                    data?: azure.webpubsub.MessageData.$Properties;

                    /** DataMessage sequenceId */
                    sequenceId?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DataMessage. */
                type $Shape = {
                  from?: string;
                  group?: string|null;
                  data?: azure.webpubsub.MessageData.$Shape;
                  sequenceId?: number|Long|null;
                  $unknowns?: Uint8Array[];
                };
            }

            /**
             * Properties of a SystemMessage.
             * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.$Properties instead.
             */
            interface ISystemMessage extends azure.webpubsub.DownstreamMessage.SystemMessage.$Properties {
            }

            /** Represents a SystemMessage. */
            class SystemMessage {

                /**
                 * Constructs a new SystemMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SystemMessage connectedMessage. */
                connectedMessage: (azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage|null);

                /** SystemMessage disconnectedMessage. */
                disconnectedMessage: (azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage|null);

                /** SystemMessage message. */
                message?: ("connectedMessage"|"disconnectedMessage");

                /**
                 * Creates a new SystemMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SystemMessage instance
                 */
                static create(properties: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage & azure.webpubsub.DownstreamMessage.SystemMessage.$Shape;
                static create(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage;

                /**
                 * Encodes the specified SystemMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.verify|verify} messages.
                 * @param message SystemMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.DownstreamMessage.SystemMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SystemMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.SystemMessage & azure.webpubsub.DownstreamMessage.SystemMessage.$Shape} SystemMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.SystemMessage & azure.webpubsub.DownstreamMessage.SystemMessage.$Shape;
            }

            namespace SystemMessage {

                /** Properties of a SystemMessage. */
                interface $Properties {

                    /** SystemMessage connectedMessage */
                    connectedMessage?: (azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties|null);

                    /** SystemMessage disconnectedMessage */
                    disconnectedMessage?: (azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties|null);

                    /** SystemMessage message */
                    message?: ("connectedMessage"|"disconnectedMessage");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a SystemMessage. */
                type $Shape = {
                  connectedMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape|null;
                  disconnectedMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ message?: undefined; connectedMessage?: null; disconnectedMessage?: null }|{ message?: "connectedMessage"; connectedMessage: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape; disconnectedMessage?: null }|{ message?: "disconnectedMessage"; connectedMessage?: null; disconnectedMessage: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape })
                );

                /**
                 * Properties of a ConnectedMessage.
                 * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties instead.
                 */
                interface IConnectedMessage extends azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties {
                }

                /** Represents a ConnectedMessage. */
                class ConnectedMessage {

                    /**
                     * Constructs a new ConnectedMessage.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ConnectedMessage connectionId. */
                    connectionId: string;

                    /** ConnectedMessage userId. */
                    userId: string;

                    /** ConnectedMessage reconnectionToken. */
                    reconnectionToken: (string|null);

                    /**
                     * Creates a new ConnectedMessage instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ConnectedMessage instance
                     */
                    static create(properties: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape;
                    static create(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage;

                    /**
                     * Encodes the specified ConnectedMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.verify|verify} messages.
                     * @param message ConnectedMessage message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ConnectedMessage message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape} ConnectedMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape;
                }

                namespace ConnectedMessage {

                    /** Properties of a ConnectedMessage. */
                    interface $Properties {

                        /** ConnectedMessage connectionId */
                        connectionId?: string;

                        /** ConnectedMessage userId */
                        userId?: string;

                        /** ConnectedMessage reconnectionToken */
                        reconnectionToken?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ConnectedMessage. */
                    type $Shape = azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties;
                }

                /**
                 * Properties of a DisconnectedMessage.
                 * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties instead.
                 */
                interface IDisconnectedMessage extends azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties {
                }

                /** Represents a DisconnectedMessage. */
                class DisconnectedMessage {

                    /**
                     * Constructs a new DisconnectedMessage.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** DisconnectedMessage reason. */
                    reason: string;

                    /**
                     * Creates a new DisconnectedMessage instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns DisconnectedMessage instance
                     */
                    static create(properties: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape;
                    static create(properties?: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage;

                    /**
                     * Encodes the specified DisconnectedMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.verify|verify} messages.
                     * @param message DisconnectedMessage message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a DisconnectedMessage message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape} DisconnectedMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape;
                }

                namespace DisconnectedMessage {

                    /** Properties of a DisconnectedMessage. */
                    interface $Properties {

                        /** DisconnectedMessage reason */
                        reason?: string;

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a DisconnectedMessage. */
                    type $Shape = azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties;
                }
            }

            /**
             * Properties of a PongMessage.
             * @deprecated Use azure.webpubsub.DownstreamMessage.PongMessage.$Properties instead.
             */
            interface IPongMessage extends azure.webpubsub.DownstreamMessage.PongMessage.$Properties {
            }

            /** Represents a PongMessage. */
            class PongMessage {

                /**
                 * Constructs a new PongMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.DownstreamMessage.PongMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new PongMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PongMessage instance
                 */
                static create(properties: azure.webpubsub.DownstreamMessage.PongMessage.$Shape): azure.webpubsub.DownstreamMessage.PongMessage & azure.webpubsub.DownstreamMessage.PongMessage.$Shape;
                static create(properties?: azure.webpubsub.DownstreamMessage.PongMessage.$Properties): azure.webpubsub.DownstreamMessage.PongMessage;

                /**
                 * Encodes the specified PongMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.PongMessage.verify|verify} messages.
                 * @param message PongMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.DownstreamMessage.PongMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PongMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.PongMessage & azure.webpubsub.DownstreamMessage.PongMessage.$Shape} PongMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.PongMessage & azure.webpubsub.DownstreamMessage.PongMessage.$Shape;
            }

            namespace PongMessage {

                /** Properties of a PongMessage. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PongMessage. */
                type $Shape = azure.webpubsub.DownstreamMessage.PongMessage.$Properties;
            }

            /**
             * Properties of an InvokeResponseMessage.
             * @deprecated Use azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties instead.
             */
            interface IInvokeResponseMessage extends azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties {
            }

            /** Represents an InvokeResponseMessage. */
            class InvokeResponseMessage {

                /**
                 * Constructs a new InvokeResponseMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** InvokeResponseMessage invocationId. */
                invocationId: string;

                /** InvokeResponseMessage success. */
                success: boolean;

                /** InvokeResponseMessage data. */
                data: (azure.webpubsub.MessageData|null);

                /** InvokeResponseMessage error. */
                error: (azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage|null);

                /**
                 * Creates a new InvokeResponseMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InvokeResponseMessage instance
                 */
                static create(properties: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape): azure.webpubsub.DownstreamMessage.InvokeResponseMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape;
                static create(properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties): azure.webpubsub.DownstreamMessage.InvokeResponseMessage;

                /**
                 * Encodes the specified InvokeResponseMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.InvokeResponseMessage.verify|verify} messages.
                 * @param message InvokeResponseMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InvokeResponseMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape} InvokeResponseMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.InvokeResponseMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape;
            }

            namespace InvokeResponseMessage {

                /** Properties of an InvokeResponseMessage. */
                interface $Properties {

                    /** InvokeResponseMessage invocationId */
                    invocationId?: string;

                    /** InvokeResponseMessage success */
                    success?: boolean;

                    /** InvokeResponseMessage data */
                    data?: (azure.webpubsub.MessageData.$Properties|null);

                    /** InvokeResponseMessage error */
                    error?: (azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InvokeResponseMessage. */
                type $Shape = {
                  invocationId?: string;
                  success?: boolean;
                  data?: azure.webpubsub.MessageData.$Shape|null;
                  error?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape|null;
                  $unknowns?: Uint8Array[];
                };

                /**
                 * Properties of an ErrorMessage.
                 * @deprecated Use azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties instead.
                 */
                interface IErrorMessage extends azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties {
                }

                /** Represents an ErrorMessage. */
                class ErrorMessage {

                    /**
                     * Constructs a new ErrorMessage.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ErrorMessage name. */
                    name: string;

                    /** ErrorMessage message. */
                    message: string;

                    /**
                     * Creates a new ErrorMessage instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ErrorMessage instance
                     */
                    static create(properties: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape): azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape;
                    static create(properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties): azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage;

                    /**
                     * Encodes the specified ErrorMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.verify|verify} messages.
                     * @param message ErrorMessage message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an ErrorMessage message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape} ErrorMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape;
                }

                namespace ErrorMessage {

                    /** Properties of an ErrorMessage. */
                    interface $Properties {

                        /** ErrorMessage name */
                        name?: string;

                        /** ErrorMessage message */
                        message?: string;

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an ErrorMessage. */
                    type $Shape = azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties;
                }
            }
        }

        /**
         * Properties of a MessageData.
         * @deprecated Use azure.webpubsub.MessageData.$Properties instead.
         */
        interface IMessageData extends azure.webpubsub.MessageData.$Properties {
        }

        /** Represents a MessageData. */
        class MessageData {

            /**
             * Constructs a new MessageData.
             * @param [properties] Properties to set
             */
            constructor(properties?: azure.webpubsub.MessageData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MessageData textData. */
            textData: (string|null);

            /** MessageData binaryData. */
            binaryData: (Uint8Array|null);

            /** MessageData protobufData. */
            protobufData: (google.protobuf.Any|null);

            /** MessageData jsonData. */
            jsonData: (string|null);

            /** MessageData data. */
            data?: ("textData"|"binaryData"|"protobufData"|"jsonData");

            /**
             * Creates a new MessageData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MessageData instance
             */
            static create(properties: azure.webpubsub.MessageData.$Shape): azure.webpubsub.MessageData & azure.webpubsub.MessageData.$Shape;
            static create(properties?: azure.webpubsub.MessageData.$Properties): azure.webpubsub.MessageData;

            /**
             * Encodes the specified MessageData message. Does not implicitly {@link azure.webpubsub.MessageData.verify|verify} messages.
             * @param message MessageData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: azure.webpubsub.MessageData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MessageData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {azure.webpubsub.MessageData & azure.webpubsub.MessageData.$Shape} MessageData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): azure.webpubsub.MessageData & azure.webpubsub.MessageData.$Shape;
        }

        namespace MessageData {

            /** Properties of a MessageData. */
            interface $Properties {

                /** MessageData textData */
                textData?: (string|null);

                /** MessageData binaryData */
                binaryData?: (Uint8Array|null);

                /** MessageData protobufData */
                protobufData?: (google.protobuf.Any.$Properties|null);

                /** MessageData jsonData */
                jsonData?: (string|null);

                /** MessageData data */
                data?: ("textData"|"binaryData"|"protobufData"|"jsonData");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a MessageData. */
            type $Shape = {
              textData?: string|null;
              binaryData?: Uint8Array|null;
              protobufData?: google.protobuf.Any.$Shape|null;
              jsonData?: string|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ data?: undefined; textData?: null; binaryData?: null; protobufData?: null; jsonData?: null }|{ data?: "textData"; textData: string; binaryData?: null; protobufData?: null; jsonData?: null }|{ data?: "binaryData"; textData?: null; binaryData: Uint8Array; protobufData?: null; jsonData?: null }|{ data?: "protobufData"; textData?: null; binaryData?: null; protobufData: google.protobuf.Any.$Shape; jsonData?: null }|{ data?: "jsonData"; textData?: null; binaryData?: null; protobufData?: null; jsonData: string })
            );
        }
    }
}

/** Namespace google. */
export namespace google {

    /** Namespace protobuf. */
    namespace protobuf {

        /**
         * Properties of an Any.
         * @deprecated Use google.protobuf.Any.$Properties instead.
         */
        interface IAny extends google.protobuf.Any.$Properties {
        }

        /** Represents an Any. */
        class Any {

            /**
             * Constructs a new Any.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Any.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Any type_url. */
            type_url: string;

            /** Any value. */
            value: Uint8Array;

            /**
             * Creates a new Any instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Any instance
             */
            static create(properties: google.protobuf.Any.$Shape): google.protobuf.Any & google.protobuf.Any.$Shape;
            static create(properties?: google.protobuf.Any.$Properties): google.protobuf.Any;

            /**
             * Encodes the specified Any message. Does not implicitly {@link google.protobuf.Any.verify|verify} messages.
             * @param message Any message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Any.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Any message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Any & google.protobuf.Any.$Shape} Any
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Any & google.protobuf.Any.$Shape;
        }

        namespace Any {

            /** Properties of an Any. */
            interface $Properties {

                /** Any type_url */
                type_url?: string;

                /** Any value */
                value?: Uint8Array;

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Any. */
            type $Shape = google.protobuf.Any.$Properties;
        }
    }
}
