/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const azure = $root.azure = (() => {

    /**
     * Namespace azure.
     * @exports azure
     * @namespace
     */
    const azure = {};

    azure.webpubsub = (function() {

        /**
         * Namespace webpubsub.
         * @memberof azure
         * @namespace
         */
        const webpubsub = {};

        webpubsub.UpstreamMessage = (function() {

            /**
             * Properties of an UpstreamMessage.
             * @typedef {Object} azure.webpubsub.UpstreamMessage.$Properties
             * @property {azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties|null} [sendToGroupMessage] UpstreamMessage sendToGroupMessage
             * @property {azure.webpubsub.UpstreamMessage.EventMessage.$Properties|null} [eventMessage] UpstreamMessage eventMessage
             * @property {azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties|null} [joinGroupMessage] UpstreamMessage joinGroupMessage
             * @property {azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties|null} [leaveGroupMessage] UpstreamMessage leaveGroupMessage
             * @property {azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties|null} [sequenceAckMessage] UpstreamMessage sequenceAckMessage
             * @property {azure.webpubsub.UpstreamMessage.PingMessage.$Properties|null} [pingMessage] UpstreamMessage pingMessage
             * @property {azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties|null} [invokeEventMessage] UpstreamMessage invokeEventMessage
             * @property {azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties|null} [cancelInvocationMessage] UpstreamMessage cancelInvocationMessage
             * @property {"sendToGroupMessage"|"eventMessage"|"joinGroupMessage"|"leaveGroupMessage"|"sequenceAckMessage"|"pingMessage"|"invokeEventMessage"|"cancelInvocationMessage"} [message] UpstreamMessage message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UpstreamMessage.
             * @memberof azure.webpubsub
             * @interface IUpstreamMessage
             * @augments azure.webpubsub.UpstreamMessage.$Properties
             * @deprecated Use azure.webpubsub.UpstreamMessage.$Properties instead.
             */

            /**
             * Narrowed shape of an UpstreamMessage.
             * @typedef {{
             *   sendToGroupMessage?: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape|null;
             *   eventMessage?: azure.webpubsub.UpstreamMessage.EventMessage.$Shape|null;
             *   joinGroupMessage?: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape|null;
             *   leaveGroupMessage?: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape|null;
             *   sequenceAckMessage?: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape|null;
             *   pingMessage?: azure.webpubsub.UpstreamMessage.PingMessage.$Shape|null;
             *   invokeEventMessage?: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape|null;
             *   cancelInvocationMessage?: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ message?: undefined; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "sendToGroupMessage"; sendToGroupMessage: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "eventMessage"; sendToGroupMessage?: null; eventMessage: azure.webpubsub.UpstreamMessage.EventMessage.$Shape; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "joinGroupMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "leaveGroupMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "sequenceAckMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "pingMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage: azure.webpubsub.UpstreamMessage.PingMessage.$Shape; invokeEventMessage?: null; cancelInvocationMessage?: null }|{ message?: "invokeEventMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape; cancelInvocationMessage?: null }|{ message?: "cancelInvocationMessage"; sendToGroupMessage?: null; eventMessage?: null; joinGroupMessage?: null; leaveGroupMessage?: null; sequenceAckMessage?: null; pingMessage?: null; invokeEventMessage?: null; cancelInvocationMessage: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape })
             * )} azure.webpubsub.UpstreamMessage.$Shape
             */

            /**
             * Constructs a new UpstreamMessage.
             * @memberof azure.webpubsub
             * @classdesc Represents an UpstreamMessage.
             * @constructor
             * @param {azure.webpubsub.UpstreamMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UpstreamMessage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * UpstreamMessage sendToGroupMessage.
             * @member {azure.webpubsub.UpstreamMessage.SendToGroupMessage|null} sendToGroupMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.sendToGroupMessage = null;

            /**
             * UpstreamMessage eventMessage.
             * @member {azure.webpubsub.UpstreamMessage.EventMessage|null} eventMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.eventMessage = null;

            /**
             * UpstreamMessage joinGroupMessage.
             * @member {azure.webpubsub.UpstreamMessage.JoinGroupMessage|null} joinGroupMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.joinGroupMessage = null;

            /**
             * UpstreamMessage leaveGroupMessage.
             * @member {azure.webpubsub.UpstreamMessage.LeaveGroupMessage|null} leaveGroupMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.leaveGroupMessage = null;

            /**
             * UpstreamMessage sequenceAckMessage.
             * @member {azure.webpubsub.UpstreamMessage.SequenceAckMessage|null} sequenceAckMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.sequenceAckMessage = null;

            /**
             * UpstreamMessage pingMessage.
             * @member {azure.webpubsub.UpstreamMessage.PingMessage|null} pingMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.pingMessage = null;

            /**
             * UpstreamMessage invokeEventMessage.
             * @member {azure.webpubsub.UpstreamMessage.InvokeEventMessage|null} invokeEventMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.invokeEventMessage = null;

            /**
             * UpstreamMessage cancelInvocationMessage.
             * @member {azure.webpubsub.UpstreamMessage.CancelInvocationMessage|null} cancelInvocationMessage
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            UpstreamMessage.prototype.cancelInvocationMessage = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * UpstreamMessage message.
             * @member {"sendToGroupMessage"|"eventMessage"|"joinGroupMessage"|"leaveGroupMessage"|"sequenceAckMessage"|"pingMessage"|"invokeEventMessage"|"cancelInvocationMessage"|undefined} message
             * @memberof azure.webpubsub.UpstreamMessage
             * @instance
             */
            $Object.defineProperty(UpstreamMessage.prototype, "message", {
                get: $util.oneOfGetter($oneOfFields = ["sendToGroupMessage", "eventMessage", "joinGroupMessage", "leaveGroupMessage", "sequenceAckMessage", "pingMessage", "invokeEventMessage", "cancelInvocationMessage"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new UpstreamMessage instance using the specified properties.
             * @function create
             * @memberof azure.webpubsub.UpstreamMessage
             * @static
             * @param {azure.webpubsub.UpstreamMessage.$Properties=} [properties] Properties to set
             * @returns {azure.webpubsub.UpstreamMessage} UpstreamMessage instance
             * @type {{
             *   (properties: azure.webpubsub.UpstreamMessage.$Shape): azure.webpubsub.UpstreamMessage & azure.webpubsub.UpstreamMessage.$Shape;
             *   (properties?: azure.webpubsub.UpstreamMessage.$Properties): azure.webpubsub.UpstreamMessage;
             * }}
             */
            UpstreamMessage.create = function(properties) {
                return new UpstreamMessage(properties);
            };

            /**
             * Encodes the specified UpstreamMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.verify|verify} messages.
             * @function encode
             * @memberof azure.webpubsub.UpstreamMessage
             * @static
             * @param {azure.webpubsub.UpstreamMessage.$Properties} message UpstreamMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UpstreamMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sendToGroupMessage != null && $Object.hasOwnProperty.call(message, "sendToGroupMessage"))
                    $root.azure.webpubsub.UpstreamMessage.SendToGroupMessage.encode(message.sendToGroupMessage, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.eventMessage != null && $Object.hasOwnProperty.call(message, "eventMessage"))
                    $root.azure.webpubsub.UpstreamMessage.EventMessage.encode(message.eventMessage, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.joinGroupMessage != null && $Object.hasOwnProperty.call(message, "joinGroupMessage"))
                    $root.azure.webpubsub.UpstreamMessage.JoinGroupMessage.encode(message.joinGroupMessage, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.leaveGroupMessage != null && $Object.hasOwnProperty.call(message, "leaveGroupMessage"))
                    $root.azure.webpubsub.UpstreamMessage.LeaveGroupMessage.encode(message.leaveGroupMessage, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.sequenceAckMessage != null && $Object.hasOwnProperty.call(message, "sequenceAckMessage"))
                    $root.azure.webpubsub.UpstreamMessage.SequenceAckMessage.encode(message.sequenceAckMessage, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.pingMessage != null && $Object.hasOwnProperty.call(message, "pingMessage"))
                    $root.azure.webpubsub.UpstreamMessage.PingMessage.encode(message.pingMessage, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.invokeEventMessage != null && $Object.hasOwnProperty.call(message, "invokeEventMessage"))
                    $root.azure.webpubsub.UpstreamMessage.InvokeEventMessage.encode(message.invokeEventMessage, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.cancelInvocationMessage != null && $Object.hasOwnProperty.call(message, "cancelInvocationMessage"))
                    $root.azure.webpubsub.UpstreamMessage.CancelInvocationMessage.encode(message.cancelInvocationMessage, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an UpstreamMessage message from the specified reader or buffer.
             * @function decode
             * @memberof azure.webpubsub.UpstreamMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {azure.webpubsub.UpstreamMessage & azure.webpubsub.UpstreamMessage.$Shape} UpstreamMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UpstreamMessage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.azure.webpubsub.UpstreamMessage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.sendToGroupMessage = $root.azure.webpubsub.UpstreamMessage.SendToGroupMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.sendToGroupMessage);
                            message.message = "sendToGroupMessage";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.eventMessage = $root.azure.webpubsub.UpstreamMessage.EventMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.eventMessage);
                            message.message = "eventMessage";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.joinGroupMessage = $root.azure.webpubsub.UpstreamMessage.JoinGroupMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.joinGroupMessage);
                            message.message = "joinGroupMessage";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.leaveGroupMessage = $root.azure.webpubsub.UpstreamMessage.LeaveGroupMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.leaveGroupMessage);
                            message.message = "leaveGroupMessage";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.sequenceAckMessage = $root.azure.webpubsub.UpstreamMessage.SequenceAckMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.sequenceAckMessage);
                            message.message = "sequenceAckMessage";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.pingMessage = $root.azure.webpubsub.UpstreamMessage.PingMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.pingMessage);
                            message.message = "pingMessage";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.invokeEventMessage = $root.azure.webpubsub.UpstreamMessage.InvokeEventMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.invokeEventMessage);
                            message.message = "invokeEventMessage";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.cancelInvocationMessage = $root.azure.webpubsub.UpstreamMessage.CancelInvocationMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.cancelInvocationMessage);
                            message.message = "cancelInvocationMessage";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            UpstreamMessage.SendToGroupMessage = (function() {

                /**
                 * Properties of a SendToGroupMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties
                 * @property {string} [group] SendToGroupMessage group
                 * @property {number|Long|null} [ackId] SendToGroupMessage ackId
                 * @property {azure.webpubsub.MessageData.$Properties} [data] SendToGroupMessage data
                 * @property {boolean|null} [noEcho] SendToGroupMessage noEcho
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SendToGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface ISendToGroupMessage
                 * @augments azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties instead.
                 */

                /**
                 * Shape of a SendToGroupMessage.
                 * @typedef {{
                 *   group?: string;
                 *   ackId?: number|Long|null;
                 *   data?: azure.webpubsub.MessageData.$Shape;
                 *   noEcho?: boolean|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape
                 */

                /**
                 * Constructs a new SendToGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a SendToGroupMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SendToGroupMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SendToGroupMessage group.
                 * @member {string} group
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @instance
                 */
                SendToGroupMessage.prototype.group = "";

                /**
                 * SendToGroupMessage ackId.
                 * @member {number|Long|null} ackId
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @instance
                 */
                SendToGroupMessage.prototype.ackId = null;

                /**
                 * SendToGroupMessage data.
                 * @member {azure.webpubsub.MessageData} data
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @instance
                 */
                SendToGroupMessage.prototype.data = null;

                /**
                 * SendToGroupMessage noEcho.
                 * @member {boolean|null} noEcho
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @instance
                 */
                SendToGroupMessage.prototype.noEcho = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(SendToGroupMessage.prototype, "_ackId", {
                    get: $util.oneOfGetter($oneOfFields = ["ackId"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(SendToGroupMessage.prototype, "_noEcho", {
                    get: $util.oneOfGetter($oneOfFields = ["noEcho"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new SendToGroupMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.SendToGroupMessage} SendToGroupMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.SendToGroupMessage & azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.SendToGroupMessage;
                 * }}
                 */
                SendToGroupMessage.create = function(properties) {
                    return new SendToGroupMessage(properties);
                };

                /**
                 * Encodes the specified SendToGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.SendToGroupMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Properties} message SendToGroupMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SendToGroupMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.group);
                    if (message.ackId != null && $Object.hasOwnProperty.call(message, "ackId"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.ackId);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        $root.azure.webpubsub.MessageData.encode(message.data, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.noEcho != null && $Object.hasOwnProperty.call(message, "noEcho"))
                        writer.uint32(/* id 4, wireType 0 =*/32).bool(message.noEcho);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SendToGroupMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.SendToGroupMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.SendToGroupMessage & azure.webpubsub.UpstreamMessage.SendToGroupMessage.$Shape} SendToGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SendToGroupMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.SendToGroupMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.group = value;
                                else
                                    delete message.group;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                message.ackId = reader.uint64();
                                message._ackId = "ackId";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.data = $root.azure.webpubsub.MessageData.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.noEcho = reader.bool();
                                message._noEcho = "noEcho";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SendToGroupMessage;
            })();

            UpstreamMessage.EventMessage = (function() {

                /**
                 * Properties of an EventMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.EventMessage.$Properties
                 * @property {string} [event] EventMessage event
                 * @property {azure.webpubsub.MessageData.$Properties} [data] EventMessage data
                 * @property {number|Long|null} [ackId] EventMessage ackId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an EventMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface IEventMessage
                 * @augments azure.webpubsub.UpstreamMessage.EventMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.EventMessage.$Properties instead.
                 */

                /**
                 * Shape of an EventMessage.
                 * @typedef {{
                 *   event?: string;
                 *   data?: azure.webpubsub.MessageData.$Shape;
                 *   ackId?: number|Long|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} azure.webpubsub.UpstreamMessage.EventMessage.$Shape
                 */

                /**
                 * Constructs a new EventMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents an EventMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.EventMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const EventMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * EventMessage event.
                 * @member {string} event
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @instance
                 */
                EventMessage.prototype.event = "";

                /**
                 * EventMessage data.
                 * @member {azure.webpubsub.MessageData} data
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @instance
                 */
                EventMessage.prototype.data = null;

                /**
                 * EventMessage ackId.
                 * @member {number|Long|null} ackId
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @instance
                 */
                EventMessage.prototype.ackId = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(EventMessage.prototype, "_ackId", {
                    get: $util.oneOfGetter($oneOfFields = ["ackId"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new EventMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.EventMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.EventMessage} EventMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.EventMessage.$Shape): azure.webpubsub.UpstreamMessage.EventMessage & azure.webpubsub.UpstreamMessage.EventMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.EventMessage.$Properties): azure.webpubsub.UpstreamMessage.EventMessage;
                 * }}
                 */
                EventMessage.create = function(properties) {
                    return new EventMessage(properties);
                };

                /**
                 * Encodes the specified EventMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.EventMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.EventMessage.$Properties} message EventMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EventMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.event != null && $Object.hasOwnProperty.call(message, "event") && message.event !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.event);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        $root.azure.webpubsub.MessageData.encode(message.data, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.ackId != null && $Object.hasOwnProperty.call(message, "ackId"))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.ackId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an EventMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.EventMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.EventMessage & azure.webpubsub.UpstreamMessage.EventMessage.$Shape} EventMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EventMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.EventMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.event = value;
                                else
                                    delete message.event;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.data = $root.azure.webpubsub.MessageData.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                message.ackId = reader.uint64();
                                message._ackId = "ackId";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return EventMessage;
            })();

            UpstreamMessage.JoinGroupMessage = (function() {

                /**
                 * Properties of a JoinGroupMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties
                 * @property {string} [group] JoinGroupMessage group
                 * @property {number|Long|null} [ackId] JoinGroupMessage ackId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a JoinGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface IJoinGroupMessage
                 * @augments azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties instead.
                 */

                /**
                 * Shape of a JoinGroupMessage.
                 * @typedef {azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties} azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape
                 */

                /**
                 * Constructs a new JoinGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a JoinGroupMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const JoinGroupMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * JoinGroupMessage group.
                 * @member {string} group
                 * @memberof azure.webpubsub.UpstreamMessage.JoinGroupMessage
                 * @instance
                 */
                JoinGroupMessage.prototype.group = "";

                /**
                 * JoinGroupMessage ackId.
                 * @member {number|Long|null} ackId
                 * @memberof azure.webpubsub.UpstreamMessage.JoinGroupMessage
                 * @instance
                 */
                JoinGroupMessage.prototype.ackId = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(JoinGroupMessage.prototype, "_ackId", {
                    get: $util.oneOfGetter($oneOfFields = ["ackId"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new JoinGroupMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.JoinGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.JoinGroupMessage} JoinGroupMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.JoinGroupMessage & azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.JoinGroupMessage;
                 * }}
                 */
                JoinGroupMessage.create = function(properties) {
                    return new JoinGroupMessage(properties);
                };

                /**
                 * Encodes the specified JoinGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.JoinGroupMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.JoinGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Properties} message JoinGroupMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                JoinGroupMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.group);
                    if (message.ackId != null && $Object.hasOwnProperty.call(message, "ackId"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.ackId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a JoinGroupMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.JoinGroupMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.JoinGroupMessage & azure.webpubsub.UpstreamMessage.JoinGroupMessage.$Shape} JoinGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                JoinGroupMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.JoinGroupMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.group = value;
                                else
                                    delete message.group;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                message.ackId = reader.uint64();
                                message._ackId = "ackId";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return JoinGroupMessage;
            })();

            UpstreamMessage.LeaveGroupMessage = (function() {

                /**
                 * Properties of a LeaveGroupMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties
                 * @property {string} [group] LeaveGroupMessage group
                 * @property {number|Long|null} [ackId] LeaveGroupMessage ackId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a LeaveGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface ILeaveGroupMessage
                 * @augments azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties instead.
                 */

                /**
                 * Shape of a LeaveGroupMessage.
                 * @typedef {azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties} azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape
                 */

                /**
                 * Constructs a new LeaveGroupMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a LeaveGroupMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const LeaveGroupMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * LeaveGroupMessage group.
                 * @member {string} group
                 * @memberof azure.webpubsub.UpstreamMessage.LeaveGroupMessage
                 * @instance
                 */
                LeaveGroupMessage.prototype.group = "";

                /**
                 * LeaveGroupMessage ackId.
                 * @member {number|Long|null} ackId
                 * @memberof azure.webpubsub.UpstreamMessage.LeaveGroupMessage
                 * @instance
                 */
                LeaveGroupMessage.prototype.ackId = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(LeaveGroupMessage.prototype, "_ackId", {
                    get: $util.oneOfGetter($oneOfFields = ["ackId"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new LeaveGroupMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.LeaveGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.LeaveGroupMessage} LeaveGroupMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape): azure.webpubsub.UpstreamMessage.LeaveGroupMessage & azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties): azure.webpubsub.UpstreamMessage.LeaveGroupMessage;
                 * }}
                 */
                LeaveGroupMessage.create = function(properties) {
                    return new LeaveGroupMessage(properties);
                };

                /**
                 * Encodes the specified LeaveGroupMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.LeaveGroupMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.LeaveGroupMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Properties} message LeaveGroupMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LeaveGroupMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.group);
                    if (message.ackId != null && $Object.hasOwnProperty.call(message, "ackId"))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.ackId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a LeaveGroupMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.LeaveGroupMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.LeaveGroupMessage & azure.webpubsub.UpstreamMessage.LeaveGroupMessage.$Shape} LeaveGroupMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LeaveGroupMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.LeaveGroupMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.group = value;
                                else
                                    delete message.group;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                message.ackId = reader.uint64();
                                message._ackId = "ackId";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return LeaveGroupMessage;
            })();

            UpstreamMessage.SequenceAckMessage = (function() {

                /**
                 * Properties of a SequenceAckMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties
                 * @property {number|Long} [sequenceId] SequenceAckMessage sequenceId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SequenceAckMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface ISequenceAckMessage
                 * @augments azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties instead.
                 */

                /**
                 * Shape of a SequenceAckMessage.
                 * @typedef {azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties} azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape
                 */

                /**
                 * Constructs a new SequenceAckMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a SequenceAckMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SequenceAckMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SequenceAckMessage sequenceId.
                 * @member {number|Long} sequenceId
                 * @memberof azure.webpubsub.UpstreamMessage.SequenceAckMessage
                 * @instance
                 */
                SequenceAckMessage.prototype.sequenceId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new SequenceAckMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.SequenceAckMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.SequenceAckMessage} SequenceAckMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape): azure.webpubsub.UpstreamMessage.SequenceAckMessage & azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties): azure.webpubsub.UpstreamMessage.SequenceAckMessage;
                 * }}
                 */
                SequenceAckMessage.create = function(properties) {
                    return new SequenceAckMessage(properties);
                };

                /**
                 * Encodes the specified SequenceAckMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.SequenceAckMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.SequenceAckMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Properties} message SequenceAckMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SequenceAckMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.sequenceId != null && $Object.hasOwnProperty.call(message, "sequenceId") && (typeof message.sequenceId === "object" ? message.sequenceId.low || message.sequenceId.high : message.sequenceId !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.sequenceId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SequenceAckMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.SequenceAckMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.SequenceAckMessage & azure.webpubsub.UpstreamMessage.SequenceAckMessage.$Shape} SequenceAckMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SequenceAckMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.SequenceAckMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.sequenceId = value;
                                else
                                    delete message.sequenceId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SequenceAckMessage;
            })();

            UpstreamMessage.PingMessage = (function() {

                /**
                 * Properties of a PingMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.PingMessage.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PingMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface IPingMessage
                 * @augments azure.webpubsub.UpstreamMessage.PingMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.PingMessage.$Properties instead.
                 */

                /**
                 * Shape of a PingMessage.
                 * @typedef {azure.webpubsub.UpstreamMessage.PingMessage.$Properties} azure.webpubsub.UpstreamMessage.PingMessage.$Shape
                 */

                /**
                 * Constructs a new PingMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a PingMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.PingMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PingMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new PingMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.PingMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.PingMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.PingMessage} PingMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.PingMessage.$Shape): azure.webpubsub.UpstreamMessage.PingMessage & azure.webpubsub.UpstreamMessage.PingMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.PingMessage.$Properties): azure.webpubsub.UpstreamMessage.PingMessage;
                 * }}
                 */
                PingMessage.create = function(properties) {
                    return new PingMessage(properties);
                };

                /**
                 * Encodes the specified PingMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.PingMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.PingMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.PingMessage.$Properties} message PingMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PingMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PingMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.PingMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.PingMessage & azure.webpubsub.UpstreamMessage.PingMessage.$Shape} PingMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PingMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.PingMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return PingMessage;
            })();

            UpstreamMessage.InvokeEventMessage = (function() {

                /**
                 * Properties of an InvokeEventMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties
                 * @property {string} [event] InvokeEventMessage event
                 * @property {string} [invocationId] InvokeEventMessage invocationId
                 * @property {azure.webpubsub.MessageData.$Properties} [data] InvokeEventMessage data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InvokeEventMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface IInvokeEventMessage
                 * @augments azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties instead.
                 */

                /**
                 * Shape of an InvokeEventMessage.
                 * @typedef {{
                 *   event?: string;
                 *   invocationId?: string;
                 *   data?: azure.webpubsub.MessageData.$Shape;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape
                 */

                /**
                 * Constructs a new InvokeEventMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents an InvokeEventMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InvokeEventMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * InvokeEventMessage event.
                 * @member {string} event
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @instance
                 */
                InvokeEventMessage.prototype.event = "";

                /**
                 * InvokeEventMessage invocationId.
                 * @member {string} invocationId
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @instance
                 */
                InvokeEventMessage.prototype.invocationId = "";

                /**
                 * InvokeEventMessage data.
                 * @member {azure.webpubsub.MessageData} data
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @instance
                 */
                InvokeEventMessage.prototype.data = null;

                /**
                 * Creates a new InvokeEventMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.InvokeEventMessage} InvokeEventMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape): azure.webpubsub.UpstreamMessage.InvokeEventMessage & azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties): azure.webpubsub.UpstreamMessage.InvokeEventMessage;
                 * }}
                 */
                InvokeEventMessage.create = function(properties) {
                    return new InvokeEventMessage(properties);
                };

                /**
                 * Encodes the specified InvokeEventMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.InvokeEventMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Properties} message InvokeEventMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InvokeEventMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.event != null && $Object.hasOwnProperty.call(message, "event") && message.event !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.event);
                    if (message.invocationId != null && $Object.hasOwnProperty.call(message, "invocationId") && message.invocationId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.invocationId);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        $root.azure.webpubsub.MessageData.encode(message.data, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InvokeEventMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.InvokeEventMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.InvokeEventMessage & azure.webpubsub.UpstreamMessage.InvokeEventMessage.$Shape} InvokeEventMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InvokeEventMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.InvokeEventMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.event = value;
                                else
                                    delete message.event;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.invocationId = value;
                                else
                                    delete message.invocationId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.data = $root.azure.webpubsub.MessageData.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return InvokeEventMessage;
            })();

            UpstreamMessage.CancelInvocationMessage = (function() {

                /**
                 * Properties of a CancelInvocationMessage.
                 * @typedef {Object} azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties
                 * @property {string} [invocationId] CancelInvocationMessage invocationId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CancelInvocationMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @interface ICancelInvocationMessage
                 * @augments azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties
                 * @deprecated Use azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties instead.
                 */

                /**
                 * Shape of a CancelInvocationMessage.
                 * @typedef {azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties} azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape
                 */

                /**
                 * Constructs a new CancelInvocationMessage.
                 * @memberof azure.webpubsub.UpstreamMessage
                 * @classdesc Represents a CancelInvocationMessage.
                 * @constructor
                 * @param {azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CancelInvocationMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CancelInvocationMessage invocationId.
                 * @member {string} invocationId
                 * @memberof azure.webpubsub.UpstreamMessage.CancelInvocationMessage
                 * @instance
                 */
                CancelInvocationMessage.prototype.invocationId = "";

                /**
                 * Creates a new CancelInvocationMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.UpstreamMessage.CancelInvocationMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.UpstreamMessage.CancelInvocationMessage} CancelInvocationMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape): azure.webpubsub.UpstreamMessage.CancelInvocationMessage & azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape;
                 *   (properties?: azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties): azure.webpubsub.UpstreamMessage.CancelInvocationMessage;
                 * }}
                 */
                CancelInvocationMessage.create = function(properties) {
                    return new CancelInvocationMessage(properties);
                };

                /**
                 * Encodes the specified CancelInvocationMessage message. Does not implicitly {@link azure.webpubsub.UpstreamMessage.CancelInvocationMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.UpstreamMessage.CancelInvocationMessage
                 * @static
                 * @param {azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Properties} message CancelInvocationMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CancelInvocationMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.invocationId != null && $Object.hasOwnProperty.call(message, "invocationId") && message.invocationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.invocationId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CancelInvocationMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.UpstreamMessage.CancelInvocationMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.UpstreamMessage.CancelInvocationMessage & azure.webpubsub.UpstreamMessage.CancelInvocationMessage.$Shape} CancelInvocationMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CancelInvocationMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.UpstreamMessage.CancelInvocationMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.invocationId = value;
                                else
                                    delete message.invocationId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return CancelInvocationMessage;
            })();

            return UpstreamMessage;
        })();

        webpubsub.DownstreamMessage = (function() {

            /**
             * Properties of a DownstreamMessage.
             * @typedef {Object} azure.webpubsub.DownstreamMessage.$Properties
             * @property {azure.webpubsub.DownstreamMessage.AckMessage.$Properties|null} [ackMessage] DownstreamMessage ackMessage
             * @property {azure.webpubsub.DownstreamMessage.DataMessage.$Properties|null} [dataMessage] DownstreamMessage dataMessage
             * @property {azure.webpubsub.DownstreamMessage.SystemMessage.$Properties|null} [systemMessage] DownstreamMessage systemMessage
             * @property {azure.webpubsub.DownstreamMessage.PongMessage.$Properties|null} [pongMessage] DownstreamMessage pongMessage
             * @property {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties|null} [invokeResponseMessage] DownstreamMessage invokeResponseMessage
             * @property {"ackMessage"|"dataMessage"|"systemMessage"|"pongMessage"|"invokeResponseMessage"} [message] DownstreamMessage message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DownstreamMessage.
             * @memberof azure.webpubsub
             * @interface IDownstreamMessage
             * @augments azure.webpubsub.DownstreamMessage.$Properties
             * @deprecated Use azure.webpubsub.DownstreamMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a DownstreamMessage.
             * @typedef {{
             *   ackMessage?: azure.webpubsub.DownstreamMessage.AckMessage.$Shape|null;
             *   dataMessage?: azure.webpubsub.DownstreamMessage.DataMessage.$Shape|null;
             *   systemMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape|null;
             *   pongMessage?: azure.webpubsub.DownstreamMessage.PongMessage.$Shape|null;
             *   invokeResponseMessage?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ message?: undefined; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "ackMessage"; ackMessage: azure.webpubsub.DownstreamMessage.AckMessage.$Shape; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "dataMessage"; ackMessage?: null; dataMessage: azure.webpubsub.DownstreamMessage.DataMessage.$Shape; systemMessage?: null; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "systemMessage"; ackMessage?: null; dataMessage?: null; systemMessage: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape; pongMessage?: null; invokeResponseMessage?: null }|{ message?: "pongMessage"; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage: azure.webpubsub.DownstreamMessage.PongMessage.$Shape; invokeResponseMessage?: null }|{ message?: "invokeResponseMessage"; ackMessage?: null; dataMessage?: null; systemMessage?: null; pongMessage?: null; invokeResponseMessage: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape })
             * )} azure.webpubsub.DownstreamMessage.$Shape
             */

            /**
             * Constructs a new DownstreamMessage.
             * @memberof azure.webpubsub
             * @classdesc Represents a DownstreamMessage.
             * @constructor
             * @param {azure.webpubsub.DownstreamMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DownstreamMessage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DownstreamMessage ackMessage.
             * @member {azure.webpubsub.DownstreamMessage.AckMessage|null} ackMessage
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            DownstreamMessage.prototype.ackMessage = null;

            /**
             * DownstreamMessage dataMessage.
             * @member {azure.webpubsub.DownstreamMessage.DataMessage|null} dataMessage
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            DownstreamMessage.prototype.dataMessage = null;

            /**
             * DownstreamMessage systemMessage.
             * @member {azure.webpubsub.DownstreamMessage.SystemMessage|null} systemMessage
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            DownstreamMessage.prototype.systemMessage = null;

            /**
             * DownstreamMessage pongMessage.
             * @member {azure.webpubsub.DownstreamMessage.PongMessage|null} pongMessage
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            DownstreamMessage.prototype.pongMessage = null;

            /**
             * DownstreamMessage invokeResponseMessage.
             * @member {azure.webpubsub.DownstreamMessage.InvokeResponseMessage|null} invokeResponseMessage
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            DownstreamMessage.prototype.invokeResponseMessage = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * DownstreamMessage message.
             * @member {"ackMessage"|"dataMessage"|"systemMessage"|"pongMessage"|"invokeResponseMessage"|undefined} message
             * @memberof azure.webpubsub.DownstreamMessage
             * @instance
             */
            $Object.defineProperty(DownstreamMessage.prototype, "message", {
                get: $util.oneOfGetter($oneOfFields = ["ackMessage", "dataMessage", "systemMessage", "pongMessage", "invokeResponseMessage"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new DownstreamMessage instance using the specified properties.
             * @function create
             * @memberof azure.webpubsub.DownstreamMessage
             * @static
             * @param {azure.webpubsub.DownstreamMessage.$Properties=} [properties] Properties to set
             * @returns {azure.webpubsub.DownstreamMessage} DownstreamMessage instance
             * @type {{
             *   (properties: azure.webpubsub.DownstreamMessage.$Shape): azure.webpubsub.DownstreamMessage & azure.webpubsub.DownstreamMessage.$Shape;
             *   (properties?: azure.webpubsub.DownstreamMessage.$Properties): azure.webpubsub.DownstreamMessage;
             * }}
             */
            DownstreamMessage.create = function(properties) {
                return new DownstreamMessage(properties);
            };

            /**
             * Encodes the specified DownstreamMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.verify|verify} messages.
             * @function encode
             * @memberof azure.webpubsub.DownstreamMessage
             * @static
             * @param {azure.webpubsub.DownstreamMessage.$Properties} message DownstreamMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DownstreamMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ackMessage != null && $Object.hasOwnProperty.call(message, "ackMessage"))
                    $root.azure.webpubsub.DownstreamMessage.AckMessage.encode(message.ackMessage, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.dataMessage != null && $Object.hasOwnProperty.call(message, "dataMessage"))
                    $root.azure.webpubsub.DownstreamMessage.DataMessage.encode(message.dataMessage, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.systemMessage != null && $Object.hasOwnProperty.call(message, "systemMessage"))
                    $root.azure.webpubsub.DownstreamMessage.SystemMessage.encode(message.systemMessage, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.pongMessage != null && $Object.hasOwnProperty.call(message, "pongMessage"))
                    $root.azure.webpubsub.DownstreamMessage.PongMessage.encode(message.pongMessage, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.invokeResponseMessage != null && $Object.hasOwnProperty.call(message, "invokeResponseMessage"))
                    $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage.encode(message.invokeResponseMessage, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DownstreamMessage message from the specified reader or buffer.
             * @function decode
             * @memberof azure.webpubsub.DownstreamMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {azure.webpubsub.DownstreamMessage & azure.webpubsub.DownstreamMessage.$Shape} DownstreamMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DownstreamMessage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.azure.webpubsub.DownstreamMessage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.ackMessage = $root.azure.webpubsub.DownstreamMessage.AckMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.ackMessage);
                            message.message = "ackMessage";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.dataMessage = $root.azure.webpubsub.DownstreamMessage.DataMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.dataMessage);
                            message.message = "dataMessage";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.systemMessage = $root.azure.webpubsub.DownstreamMessage.SystemMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.systemMessage);
                            message.message = "systemMessage";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.pongMessage = $root.azure.webpubsub.DownstreamMessage.PongMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.pongMessage);
                            message.message = "pongMessage";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.invokeResponseMessage = $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.invokeResponseMessage);
                            message.message = "invokeResponseMessage";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DownstreamMessage.AckMessage = (function() {

                /**
                 * Properties of an AckMessage.
                 * @typedef {Object} azure.webpubsub.DownstreamMessage.AckMessage.$Properties
                 * @property {number|Long} [ackId] AckMessage ackId
                 * @property {boolean} [success] AckMessage success
                 * @property {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties|null} [error] AckMessage error
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an AckMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @interface IAckMessage
                 * @augments azure.webpubsub.DownstreamMessage.AckMessage.$Properties
                 * @deprecated Use azure.webpubsub.DownstreamMessage.AckMessage.$Properties instead.
                 */

                /**
                 * Shape of an AckMessage.
                 * @typedef {azure.webpubsub.DownstreamMessage.AckMessage.$Properties} azure.webpubsub.DownstreamMessage.AckMessage.$Shape
                 */

                /**
                 * Constructs a new AckMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @classdesc Represents an AckMessage.
                 * @constructor
                 * @param {azure.webpubsub.DownstreamMessage.AckMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const AckMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * AckMessage ackId.
                 * @member {number|Long} ackId
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @instance
                 */
                AckMessage.prototype.ackId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * AckMessage success.
                 * @member {boolean} success
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @instance
                 */
                AckMessage.prototype.success = false;

                /**
                 * AckMessage error.
                 * @member {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage|null} error
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @instance
                 */
                AckMessage.prototype.error = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(AckMessage.prototype, "_error", {
                    get: $util.oneOfGetter($oneOfFields = ["error"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new AckMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.AckMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.DownstreamMessage.AckMessage} AckMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.DownstreamMessage.AckMessage.$Shape): azure.webpubsub.DownstreamMessage.AckMessage & azure.webpubsub.DownstreamMessage.AckMessage.$Shape;
                 *   (properties?: azure.webpubsub.DownstreamMessage.AckMessage.$Properties): azure.webpubsub.DownstreamMessage.AckMessage;
                 * }}
                 */
                AckMessage.create = function(properties) {
                    return new AckMessage(properties);
                };

                /**
                 * Encodes the specified AckMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.AckMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.AckMessage.$Properties} message AckMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                AckMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.ackId != null && $Object.hasOwnProperty.call(message, "ackId") && (typeof message.ackId === "object" ? message.ackId.low || message.ackId.high : message.ackId !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.ackId);
                    if (message.success != null && $Object.hasOwnProperty.call(message, "success") && message.success !== false)
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.success);
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        $root.azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.encode(message.error, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an AckMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.AckMessage & azure.webpubsub.DownstreamMessage.AckMessage.$Shape} AckMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                AckMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.DownstreamMessage.AckMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.ackId = value;
                                else
                                    delete message.ackId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.success = value;
                                else
                                    delete message.success;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.error = $root.azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                                message._error = "error";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                AckMessage.ErrorMessage = (function() {

                    /**
                     * Properties of an ErrorMessage.
                     * @typedef {Object} azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties
                     * @property {string} [name] ErrorMessage name
                     * @property {string} [message] ErrorMessage message
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */

                    /**
                     * Properties of an ErrorMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                     * @interface IErrorMessage
                     * @augments azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties
                     * @deprecated Use azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties instead.
                     */

                    /**
                     * Shape of an ErrorMessage.
                     * @typedef {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties} azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape
                     */

                    /**
                     * Constructs a new ErrorMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage
                     * @classdesc Represents an ErrorMessage.
                     * @constructor
                     * @param {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties=} [properties] Properties to set
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */
                    const ErrorMessage = function (properties) {
                        if (properties)
                            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    };

                    /**
                     * ErrorMessage name.
                     * @member {string} name
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage
                     * @instance
                     */
                    ErrorMessage.prototype.name = "";

                    /**
                     * ErrorMessage message.
                     * @member {string} message
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage
                     * @instance
                     */
                    ErrorMessage.prototype.message = "";

                    /**
                     * Creates a new ErrorMessage instance using the specified properties.
                     * @function create
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties=} [properties] Properties to set
                     * @returns {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage} ErrorMessage instance
                     * @type {{
                     *   (properties: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape): azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape;
                     *   (properties?: azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties): azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage;
                     * }}
                     */
                    ErrorMessage.create = function(properties) {
                        return new ErrorMessage(properties);
                    };

                    /**
                     * Encodes the specified ErrorMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.verify|verify} messages.
                     * @function encode
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Properties} message ErrorMessage message or plain object to encode
                     * @param {$protobuf.Writer} [writer] Writer to encode to
                     * @returns {$protobuf.Writer} Writer
                     */
                    ErrorMessage.encode = function (message, writer, _depth) {
                        if (!writer)
                            writer = $Writer.create();
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $util.recursionLimit)
                            throw $Error("max depth exceeded");
                        if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                        if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                            for (let i = 0; i < message.$unknowns.length; ++i)
                                writer.raw(message.$unknowns[i]);
                        return writer;
                    };

                    /**
                     * Decodes an ErrorMessage message from the specified reader or buffer.
                     * @function decode
                     * @memberof azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage
                     * @static
                     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                     * @param {number} [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage.$Shape} ErrorMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    ErrorMessage.decode = function (reader, length, _end, _depth, _target) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $Reader.recursionLimit)
                            throw $Error("max depth exceeded");
                        let end, message, value;
                        if (length === $undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw $RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = _target || new $root.azure.webpubsub.DownstreamMessage.AckMessage.ErrorMessage();
                        while (reader.pos < end) {
                            let start = reader.pos;
                            let tag = reader.tag();
                            if (tag === _end) {
                                _end = $undefined;
                                break;
                            }
                            let wireType = tag & 7;
                            switch (tag >>>= 3) {
                            case 1: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.name = value;
                                    else
                                        delete message.name;
                                    continue;
                                }
                            case 2: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.message = value;
                                    else
                                        delete message.message;
                                    continue;
                                }
                            }
                            reader.skipType(wireType, _depth, tag);
                            if (!reader.discardUnknown) {
                                $util.makeProp(message, "$unknowns", false);
                                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                            }
                        }
                        if (length !== $undefined) {
                            if (reader.pos !== end)
                                throw $RangeError("index out of range");
                            reader.len = length;
                        }
                        if (_end !== $undefined)
                            throw $Error("missing end group");
                        return message;
                    };

                    return ErrorMessage;
                })();

                return AckMessage;
            })();

            DownstreamMessage.DataMessage = (function() {

                /**
                 * Properties of a DataMessage.
                 * @typedef {Object} azure.webpubsub.DownstreamMessage.DataMessage.$Properties
                 * @property {string} [from] DataMessage from
                 * @property {string|null} [group] DataMessage group
                 * @property {azure.webpubsub.MessageData.$Properties} [data] DataMessage data
                 * @property {number|Long|null} [sequenceId] DataMessage sequenceId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DataMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @interface IDataMessage
                 * @augments azure.webpubsub.DownstreamMessage.DataMessage.$Properties
                 * @deprecated Use azure.webpubsub.DownstreamMessage.DataMessage.$Properties instead.
                 */

                /**
                 * Shape of a DataMessage.
                 * @typedef {{
                 *   from?: string;
                 *   group?: string|null;
                 *   data?: azure.webpubsub.MessageData.$Shape;
                 *   sequenceId?: number|Long|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} azure.webpubsub.DownstreamMessage.DataMessage.$Shape
                 */

                /**
                 * Constructs a new DataMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @classdesc Represents a DataMessage.
                 * @constructor
                 * @param {azure.webpubsub.DownstreamMessage.DataMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DataMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DataMessage from.
                 * @member {string} from
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @instance
                 */
                DataMessage.prototype.from = "";

                /**
                 * DataMessage group.
                 * @member {string|null} group
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @instance
                 */
                DataMessage.prototype.group = null;

                /**
                 * DataMessage data.
                 * @member {azure.webpubsub.MessageData} data
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @instance
                 */
                DataMessage.prototype.data = null;

                /**
                 * DataMessage sequenceId.
                 * @member {number|Long|null} sequenceId
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @instance
                 */
                DataMessage.prototype.sequenceId = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(DataMessage.prototype, "_group", {
                    get: $util.oneOfGetter($oneOfFields = ["group"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(DataMessage.prototype, "_sequenceId", {
                    get: $util.oneOfGetter($oneOfFields = ["sequenceId"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new DataMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.DataMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.DownstreamMessage.DataMessage} DataMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.DownstreamMessage.DataMessage.$Shape): azure.webpubsub.DownstreamMessage.DataMessage & azure.webpubsub.DownstreamMessage.DataMessage.$Shape;
                 *   (properties?: azure.webpubsub.DownstreamMessage.DataMessage.$Properties): azure.webpubsub.DownstreamMessage.DataMessage;
                 * }}
                 */
                DataMessage.create = function(properties) {
                    return new DataMessage(properties);
                };

                /**
                 * Encodes the specified DataMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.DataMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.DataMessage.$Properties} message DataMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DataMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.from != null && $Object.hasOwnProperty.call(message, "from") && message.from !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.from);
                    if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.group);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        $root.azure.webpubsub.MessageData.encode(message.data, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.sequenceId != null && $Object.hasOwnProperty.call(message, "sequenceId"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.sequenceId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DataMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.DownstreamMessage.DataMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.DataMessage & azure.webpubsub.DownstreamMessage.DataMessage.$Shape} DataMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DataMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.DownstreamMessage.DataMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.from = value;
                                else
                                    delete message.from;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.group = reader.stringVerify();
                                message._group = "group";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.data = $root.azure.webpubsub.MessageData.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                message.sequenceId = reader.uint64();
                                message._sequenceId = "sequenceId";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return DataMessage;
            })();

            DownstreamMessage.SystemMessage = (function() {

                /**
                 * Properties of a SystemMessage.
                 * @typedef {Object} azure.webpubsub.DownstreamMessage.SystemMessage.$Properties
                 * @property {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties|null} [connectedMessage] SystemMessage connectedMessage
                 * @property {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties|null} [disconnectedMessage] SystemMessage disconnectedMessage
                 * @property {"connectedMessage"|"disconnectedMessage"} [message] SystemMessage message
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SystemMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @interface ISystemMessage
                 * @augments azure.webpubsub.DownstreamMessage.SystemMessage.$Properties
                 * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.$Properties instead.
                 */

                /**
                 * Narrowed shape of a SystemMessage.
                 * @typedef {{
                 *   connectedMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape|null;
                 *   disconnectedMessage?: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ message?: undefined; connectedMessage?: null; disconnectedMessage?: null }|{ message?: "connectedMessage"; connectedMessage: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape; disconnectedMessage?: null }|{ message?: "disconnectedMessage"; connectedMessage?: null; disconnectedMessage: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape })
                 * )} azure.webpubsub.DownstreamMessage.SystemMessage.$Shape
                 */

                /**
                 * Constructs a new SystemMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @classdesc Represents a SystemMessage.
                 * @constructor
                 * @param {azure.webpubsub.DownstreamMessage.SystemMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SystemMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SystemMessage connectedMessage.
                 * @member {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage|null} connectedMessage
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @instance
                 */
                SystemMessage.prototype.connectedMessage = null;

                /**
                 * SystemMessage disconnectedMessage.
                 * @member {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage|null} disconnectedMessage
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @instance
                 */
                SystemMessage.prototype.disconnectedMessage = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * SystemMessage message.
                 * @member {"connectedMessage"|"disconnectedMessage"|undefined} message
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @instance
                 */
                $Object.defineProperty(SystemMessage.prototype, "message", {
                    get: $util.oneOfGetter($oneOfFields = ["connectedMessage", "disconnectedMessage"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new SystemMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.SystemMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.DownstreamMessage.SystemMessage} SystemMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.DownstreamMessage.SystemMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage & azure.webpubsub.DownstreamMessage.SystemMessage.$Shape;
                 *   (properties?: azure.webpubsub.DownstreamMessage.SystemMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage;
                 * }}
                 */
                SystemMessage.create = function(properties) {
                    return new SystemMessage(properties);
                };

                /**
                 * Encodes the specified SystemMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.SystemMessage.$Properties} message SystemMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SystemMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.connectedMessage != null && $Object.hasOwnProperty.call(message, "connectedMessage"))
                        $root.azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.encode(message.connectedMessage, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.disconnectedMessage != null && $Object.hasOwnProperty.call(message, "disconnectedMessage"))
                        $root.azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.encode(message.disconnectedMessage, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SystemMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.SystemMessage & azure.webpubsub.DownstreamMessage.SystemMessage.$Shape} SystemMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SystemMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.DownstreamMessage.SystemMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.connectedMessage = $root.azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.connectedMessage);
                                message.message = "connectedMessage";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.disconnectedMessage = $root.azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.disconnectedMessage);
                                message.message = "disconnectedMessage";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                SystemMessage.ConnectedMessage = (function() {

                    /**
                     * Properties of a ConnectedMessage.
                     * @typedef {Object} azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties
                     * @property {string} [connectionId] ConnectedMessage connectionId
                     * @property {string} [userId] ConnectedMessage userId
                     * @property {string|null} [reconnectionToken] ConnectedMessage reconnectionToken
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */

                    /**
                     * Properties of a ConnectedMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                     * @interface IConnectedMessage
                     * @augments azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties
                     * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties instead.
                     */

                    /**
                     * Shape of a ConnectedMessage.
                     * @typedef {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties} azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape
                     */

                    /**
                     * Constructs a new ConnectedMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                     * @classdesc Represents a ConnectedMessage.
                     * @constructor
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties=} [properties] Properties to set
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */
                    const ConnectedMessage = function (properties) {
                        if (properties)
                            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    };

                    /**
                     * ConnectedMessage connectionId.
                     * @member {string} connectionId
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @instance
                     */
                    ConnectedMessage.prototype.connectionId = "";

                    /**
                     * ConnectedMessage userId.
                     * @member {string} userId
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @instance
                     */
                    ConnectedMessage.prototype.userId = "";

                    /**
                     * ConnectedMessage reconnectionToken.
                     * @member {string|null} reconnectionToken
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @instance
                     */
                    ConnectedMessage.prototype.reconnectionToken = null;

                    // OneOf field names bound to virtual getters and setters
                    let $oneOfFields;

                    // Virtual OneOf for proto3 optional field
                    $Object.defineProperty(ConnectedMessage.prototype, "_reconnectionToken", {
                        get: $util.oneOfGetter($oneOfFields = ["reconnectionToken"]),
                        set: $util.oneOfSetter($oneOfFields)
                    });

                    /**
                     * Creates a new ConnectedMessage instance using the specified properties.
                     * @function create
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties=} [properties] Properties to set
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage} ConnectedMessage instance
                     * @type {{
                     *   (properties: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape;
                     *   (properties?: azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage;
                     * }}
                     */
                    ConnectedMessage.create = function(properties) {
                        return new ConnectedMessage(properties);
                    };

                    /**
                     * Encodes the specified ConnectedMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.verify|verify} messages.
                     * @function encode
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Properties} message ConnectedMessage message or plain object to encode
                     * @param {$protobuf.Writer} [writer] Writer to encode to
                     * @returns {$protobuf.Writer} Writer
                     */
                    ConnectedMessage.encode = function (message, writer, _depth) {
                        if (!writer)
                            writer = $Writer.create();
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $util.recursionLimit)
                            throw $Error("max depth exceeded");
                        if (message.connectionId != null && $Object.hasOwnProperty.call(message, "connectionId") && message.connectionId !== "")
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.connectionId);
                        if (message.userId != null && $Object.hasOwnProperty.call(message, "userId") && message.userId !== "")
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.userId);
                        if (message.reconnectionToken != null && $Object.hasOwnProperty.call(message, "reconnectionToken"))
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.reconnectionToken);
                        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                            for (let i = 0; i < message.$unknowns.length; ++i)
                                writer.raw(message.$unknowns[i]);
                        return writer;
                    };

                    /**
                     * Decodes a ConnectedMessage message from the specified reader or buffer.
                     * @function decode
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage
                     * @static
                     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                     * @param {number} [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage.$Shape} ConnectedMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    ConnectedMessage.decode = function (reader, length, _end, _depth, _target) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $Reader.recursionLimit)
                            throw $Error("max depth exceeded");
                        let end, message, value;
                        if (length === $undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw $RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = _target || new $root.azure.webpubsub.DownstreamMessage.SystemMessage.ConnectedMessage();
                        while (reader.pos < end) {
                            let start = reader.pos;
                            let tag = reader.tag();
                            if (tag === _end) {
                                _end = $undefined;
                                break;
                            }
                            let wireType = tag & 7;
                            switch (tag >>>= 3) {
                            case 1: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.connectionId = value;
                                    else
                                        delete message.connectionId;
                                    continue;
                                }
                            case 2: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.userId = value;
                                    else
                                        delete message.userId;
                                    continue;
                                }
                            case 3: {
                                    if (wireType !== 2)
                                        break;
                                    message.reconnectionToken = reader.stringVerify();
                                    message._reconnectionToken = "reconnectionToken";
                                    continue;
                                }
                            }
                            reader.skipType(wireType, _depth, tag);
                            if (!reader.discardUnknown) {
                                $util.makeProp(message, "$unknowns", false);
                                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                            }
                        }
                        if (length !== $undefined) {
                            if (reader.pos !== end)
                                throw $RangeError("index out of range");
                            reader.len = length;
                        }
                        if (_end !== $undefined)
                            throw $Error("missing end group");
                        return message;
                    };

                    return ConnectedMessage;
                })();

                SystemMessage.DisconnectedMessage = (function() {

                    /**
                     * Properties of a DisconnectedMessage.
                     * @typedef {Object} azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties
                     * @property {string} [reason] DisconnectedMessage reason
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */

                    /**
                     * Properties of a DisconnectedMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                     * @interface IDisconnectedMessage
                     * @augments azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties
                     * @deprecated Use azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties instead.
                     */

                    /**
                     * Shape of a DisconnectedMessage.
                     * @typedef {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties} azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape
                     */

                    /**
                     * Constructs a new DisconnectedMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage
                     * @classdesc Represents a DisconnectedMessage.
                     * @constructor
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties=} [properties] Properties to set
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */
                    const DisconnectedMessage = function (properties) {
                        if (properties)
                            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    };

                    /**
                     * DisconnectedMessage reason.
                     * @member {string} reason
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage
                     * @instance
                     */
                    DisconnectedMessage.prototype.reason = "";

                    /**
                     * Creates a new DisconnectedMessage instance using the specified properties.
                     * @function create
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties=} [properties] Properties to set
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage} DisconnectedMessage instance
                     * @type {{
                     *   (properties: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape): azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape;
                     *   (properties?: azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties): azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage;
                     * }}
                     */
                    DisconnectedMessage.create = function(properties) {
                        return new DisconnectedMessage(properties);
                    };

                    /**
                     * Encodes the specified DisconnectedMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.verify|verify} messages.
                     * @function encode
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Properties} message DisconnectedMessage message or plain object to encode
                     * @param {$protobuf.Writer} [writer] Writer to encode to
                     * @returns {$protobuf.Writer} Writer
                     */
                    DisconnectedMessage.encode = function (message, writer, _depth) {
                        if (!writer)
                            writer = $Writer.create();
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $util.recursionLimit)
                            throw $Error("max depth exceeded");
                        if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                            for (let i = 0; i < message.$unknowns.length; ++i)
                                writer.raw(message.$unknowns[i]);
                        return writer;
                    };

                    /**
                     * Decodes a DisconnectedMessage message from the specified reader or buffer.
                     * @function decode
                     * @memberof azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage
                     * @static
                     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                     * @param {number} [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage & azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage.$Shape} DisconnectedMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    DisconnectedMessage.decode = function (reader, length, _end, _depth, _target) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $Reader.recursionLimit)
                            throw $Error("max depth exceeded");
                        let end, message, value;
                        if (length === $undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw $RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = _target || new $root.azure.webpubsub.DownstreamMessage.SystemMessage.DisconnectedMessage();
                        while (reader.pos < end) {
                            let start = reader.pos;
                            let tag = reader.tag();
                            if (tag === _end) {
                                _end = $undefined;
                                break;
                            }
                            let wireType = tag & 7;
                            switch (tag >>>= 3) {
                            case 2: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.reason = value;
                                    else
                                        delete message.reason;
                                    continue;
                                }
                            }
                            reader.skipType(wireType, _depth, tag);
                            if (!reader.discardUnknown) {
                                $util.makeProp(message, "$unknowns", false);
                                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                            }
                        }
                        if (length !== $undefined) {
                            if (reader.pos !== end)
                                throw $RangeError("index out of range");
                            reader.len = length;
                        }
                        if (_end !== $undefined)
                            throw $Error("missing end group");
                        return message;
                    };

                    return DisconnectedMessage;
                })();

                return SystemMessage;
            })();

            DownstreamMessage.PongMessage = (function() {

                /**
                 * Properties of a PongMessage.
                 * @typedef {Object} azure.webpubsub.DownstreamMessage.PongMessage.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PongMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @interface IPongMessage
                 * @augments azure.webpubsub.DownstreamMessage.PongMessage.$Properties
                 * @deprecated Use azure.webpubsub.DownstreamMessage.PongMessage.$Properties instead.
                 */

                /**
                 * Shape of a PongMessage.
                 * @typedef {azure.webpubsub.DownstreamMessage.PongMessage.$Properties} azure.webpubsub.DownstreamMessage.PongMessage.$Shape
                 */

                /**
                 * Constructs a new PongMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @classdesc Represents a PongMessage.
                 * @constructor
                 * @param {azure.webpubsub.DownstreamMessage.PongMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PongMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new PongMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.DownstreamMessage.PongMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.PongMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.DownstreamMessage.PongMessage} PongMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.DownstreamMessage.PongMessage.$Shape): azure.webpubsub.DownstreamMessage.PongMessage & azure.webpubsub.DownstreamMessage.PongMessage.$Shape;
                 *   (properties?: azure.webpubsub.DownstreamMessage.PongMessage.$Properties): azure.webpubsub.DownstreamMessage.PongMessage;
                 * }}
                 */
                PongMessage.create = function(properties) {
                    return new PongMessage(properties);
                };

                /**
                 * Encodes the specified PongMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.PongMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.DownstreamMessage.PongMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.PongMessage.$Properties} message PongMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PongMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PongMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.DownstreamMessage.PongMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.PongMessage & azure.webpubsub.DownstreamMessage.PongMessage.$Shape} PongMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PongMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.DownstreamMessage.PongMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return PongMessage;
            })();

            DownstreamMessage.InvokeResponseMessage = (function() {

                /**
                 * Properties of an InvokeResponseMessage.
                 * @typedef {Object} azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties
                 * @property {string} [invocationId] InvokeResponseMessage invocationId
                 * @property {boolean} [success] InvokeResponseMessage success
                 * @property {azure.webpubsub.MessageData.$Properties|null} [data] InvokeResponseMessage data
                 * @property {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties|null} [error] InvokeResponseMessage error
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InvokeResponseMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @interface IInvokeResponseMessage
                 * @augments azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties
                 * @deprecated Use azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties instead.
                 */

                /**
                 * Shape of an InvokeResponseMessage.
                 * @typedef {{
                 *   invocationId?: string;
                 *   success?: boolean;
                 *   data?: azure.webpubsub.MessageData.$Shape|null;
                 *   error?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape
                 */

                /**
                 * Constructs a new InvokeResponseMessage.
                 * @memberof azure.webpubsub.DownstreamMessage
                 * @classdesc Represents an InvokeResponseMessage.
                 * @constructor
                 * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InvokeResponseMessage = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * InvokeResponseMessage invocationId.
                 * @member {string} invocationId
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @instance
                 */
                InvokeResponseMessage.prototype.invocationId = "";

                /**
                 * InvokeResponseMessage success.
                 * @member {boolean} success
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @instance
                 */
                InvokeResponseMessage.prototype.success = false;

                /**
                 * InvokeResponseMessage data.
                 * @member {azure.webpubsub.MessageData|null} data
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @instance
                 */
                InvokeResponseMessage.prototype.data = null;

                /**
                 * InvokeResponseMessage error.
                 * @member {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage|null} error
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @instance
                 */
                InvokeResponseMessage.prototype.error = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(InvokeResponseMessage.prototype, "_data", {
                    get: $util.oneOfGetter($oneOfFields = ["data"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                // Virtual OneOf for proto3 optional field
                $Object.defineProperty(InvokeResponseMessage.prototype, "_error", {
                    get: $util.oneOfGetter($oneOfFields = ["error"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new InvokeResponseMessage instance using the specified properties.
                 * @function create
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties=} [properties] Properties to set
                 * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage} InvokeResponseMessage instance
                 * @type {{
                 *   (properties: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape): azure.webpubsub.DownstreamMessage.InvokeResponseMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape;
                 *   (properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties): azure.webpubsub.DownstreamMessage.InvokeResponseMessage;
                 * }}
                 */
                InvokeResponseMessage.create = function(properties) {
                    return new InvokeResponseMessage(properties);
                };

                /**
                 * Encodes the specified InvokeResponseMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.InvokeResponseMessage.verify|verify} messages.
                 * @function encode
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @static
                 * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Properties} message InvokeResponseMessage message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InvokeResponseMessage.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.invocationId != null && $Object.hasOwnProperty.call(message, "invocationId") && message.invocationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.invocationId);
                    if (message.success != null && $Object.hasOwnProperty.call(message, "success") && message.success !== false)
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.success);
                    if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                        $root.azure.webpubsub.MessageData.encode(message.data, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InvokeResponseMessage message from the specified reader or buffer.
                 * @function decode
                 * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.$Shape} InvokeResponseMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InvokeResponseMessage.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.invocationId = value;
                                else
                                    delete message.invocationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.success = value;
                                else
                                    delete message.success;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.data = $root.azure.webpubsub.MessageData.decode(reader, reader.size(), $undefined, _depth + 1, message.data);
                                message._data = "data";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.error = $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                                message._error = "error";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                InvokeResponseMessage.ErrorMessage = (function() {

                    /**
                     * Properties of an ErrorMessage.
                     * @typedef {Object} azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties
                     * @property {string} [name] ErrorMessage name
                     * @property {string} [message] ErrorMessage message
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */

                    /**
                     * Properties of an ErrorMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                     * @interface IErrorMessage
                     * @augments azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties
                     * @deprecated Use azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties instead.
                     */

                    /**
                     * Shape of an ErrorMessage.
                     * @typedef {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties} azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape
                     */

                    /**
                     * Constructs a new ErrorMessage.
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage
                     * @classdesc Represents an ErrorMessage.
                     * @constructor
                     * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties=} [properties] Properties to set
                     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                     */
                    const ErrorMessage = function (properties) {
                        if (properties)
                            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    };

                    /**
                     * ErrorMessage name.
                     * @member {string} name
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage
                     * @instance
                     */
                    ErrorMessage.prototype.name = "";

                    /**
                     * ErrorMessage message.
                     * @member {string} message
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage
                     * @instance
                     */
                    ErrorMessage.prototype.message = "";

                    /**
                     * Creates a new ErrorMessage instance using the specified properties.
                     * @function create
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties=} [properties] Properties to set
                     * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage} ErrorMessage instance
                     * @type {{
                     *   (properties: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape): azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape;
                     *   (properties?: azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties): azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage;
                     * }}
                     */
                    ErrorMessage.create = function(properties) {
                        return new ErrorMessage(properties);
                    };

                    /**
                     * Encodes the specified ErrorMessage message. Does not implicitly {@link azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.verify|verify} messages.
                     * @function encode
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage
                     * @static
                     * @param {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Properties} message ErrorMessage message or plain object to encode
                     * @param {$protobuf.Writer} [writer] Writer to encode to
                     * @returns {$protobuf.Writer} Writer
                     */
                    ErrorMessage.encode = function (message, writer, _depth) {
                        if (!writer)
                            writer = $Writer.create();
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $util.recursionLimit)
                            throw $Error("max depth exceeded");
                        if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                        if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                            for (let i = 0; i < message.$unknowns.length; ++i)
                                writer.raw(message.$unknowns[i]);
                        return writer;
                    };

                    /**
                     * Decodes an ErrorMessage message from the specified reader or buffer.
                     * @function decode
                     * @memberof azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage
                     * @static
                     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                     * @param {number} [length] Message length if known beforehand
                     * @returns {azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage & azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage.$Shape} ErrorMessage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    ErrorMessage.decode = function (reader, length, _end, _depth, _target) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (_depth === $undefined)
                            _depth = 0;
                        if (_depth > $Reader.recursionLimit)
                            throw $Error("max depth exceeded");
                        let end, message, value;
                        if (length === $undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw $RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = _target || new $root.azure.webpubsub.DownstreamMessage.InvokeResponseMessage.ErrorMessage();
                        while (reader.pos < end) {
                            let start = reader.pos;
                            let tag = reader.tag();
                            if (tag === _end) {
                                _end = $undefined;
                                break;
                            }
                            let wireType = tag & 7;
                            switch (tag >>>= 3) {
                            case 1: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.name = value;
                                    else
                                        delete message.name;
                                    continue;
                                }
                            case 2: {
                                    if (wireType !== 2)
                                        break;
                                    if ((value = reader.stringVerify()).length)
                                        message.message = value;
                                    else
                                        delete message.message;
                                    continue;
                                }
                            }
                            reader.skipType(wireType, _depth, tag);
                            if (!reader.discardUnknown) {
                                $util.makeProp(message, "$unknowns", false);
                                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                            }
                        }
                        if (length !== $undefined) {
                            if (reader.pos !== end)
                                throw $RangeError("index out of range");
                            reader.len = length;
                        }
                        if (_end !== $undefined)
                            throw $Error("missing end group");
                        return message;
                    };

                    return ErrorMessage;
                })();

                return InvokeResponseMessage;
            })();

            return DownstreamMessage;
        })();

        webpubsub.MessageData = (function() {

            /**
             * Properties of a MessageData.
             * @typedef {Object} azure.webpubsub.MessageData.$Properties
             * @property {string|null} [textData] MessageData textData
             * @property {Uint8Array|null} [binaryData] MessageData binaryData
             * @property {google.protobuf.Any.$Properties|null} [protobufData] MessageData protobufData
             * @property {string|null} [jsonData] MessageData jsonData
             * @property {"textData"|"binaryData"|"protobufData"|"jsonData"} [data] MessageData data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MessageData.
             * @memberof azure.webpubsub
             * @interface IMessageData
             * @augments azure.webpubsub.MessageData.$Properties
             * @deprecated Use azure.webpubsub.MessageData.$Properties instead.
             */

            /**
             * Narrowed shape of a MessageData.
             * @typedef {{
             *   textData?: string|null;
             *   binaryData?: Uint8Array|null;
             *   protobufData?: google.protobuf.Any.$Shape|null;
             *   jsonData?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ data?: undefined; textData?: null; binaryData?: null; protobufData?: null; jsonData?: null }|{ data?: "textData"; textData: string; binaryData?: null; protobufData?: null; jsonData?: null }|{ data?: "binaryData"; textData?: null; binaryData: Uint8Array; protobufData?: null; jsonData?: null }|{ data?: "protobufData"; textData?: null; binaryData?: null; protobufData: google.protobuf.Any.$Shape; jsonData?: null }|{ data?: "jsonData"; textData?: null; binaryData?: null; protobufData?: null; jsonData: string })
             * )} azure.webpubsub.MessageData.$Shape
             */

            /**
             * Constructs a new MessageData.
             * @memberof azure.webpubsub
             * @classdesc Represents a MessageData.
             * @constructor
             * @param {azure.webpubsub.MessageData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MessageData = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MessageData textData.
             * @member {string|null} textData
             * @memberof azure.webpubsub.MessageData
             * @instance
             */
            MessageData.prototype.textData = null;

            /**
             * MessageData binaryData.
             * @member {Uint8Array|null} binaryData
             * @memberof azure.webpubsub.MessageData
             * @instance
             */
            MessageData.prototype.binaryData = null;

            /**
             * MessageData protobufData.
             * @member {google.protobuf.Any|null} protobufData
             * @memberof azure.webpubsub.MessageData
             * @instance
             */
            MessageData.prototype.protobufData = null;

            /**
             * MessageData jsonData.
             * @member {string|null} jsonData
             * @memberof azure.webpubsub.MessageData
             * @instance
             */
            MessageData.prototype.jsonData = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * MessageData data.
             * @member {"textData"|"binaryData"|"protobufData"|"jsonData"|undefined} data
             * @memberof azure.webpubsub.MessageData
             * @instance
             */
            $Object.defineProperty(MessageData.prototype, "data", {
                get: $util.oneOfGetter($oneOfFields = ["textData", "binaryData", "protobufData", "jsonData"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new MessageData instance using the specified properties.
             * @function create
             * @memberof azure.webpubsub.MessageData
             * @static
             * @param {azure.webpubsub.MessageData.$Properties=} [properties] Properties to set
             * @returns {azure.webpubsub.MessageData} MessageData instance
             * @type {{
             *   (properties: azure.webpubsub.MessageData.$Shape): azure.webpubsub.MessageData & azure.webpubsub.MessageData.$Shape;
             *   (properties?: azure.webpubsub.MessageData.$Properties): azure.webpubsub.MessageData;
             * }}
             */
            MessageData.create = function(properties) {
                return new MessageData(properties);
            };

            /**
             * Encodes the specified MessageData message. Does not implicitly {@link azure.webpubsub.MessageData.verify|verify} messages.
             * @function encode
             * @memberof azure.webpubsub.MessageData
             * @static
             * @param {azure.webpubsub.MessageData.$Properties} message MessageData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MessageData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.textData != null && $Object.hasOwnProperty.call(message, "textData"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.textData);
                if (message.binaryData != null && $Object.hasOwnProperty.call(message, "binaryData"))
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.binaryData);
                if (message.protobufData != null && $Object.hasOwnProperty.call(message, "protobufData"))
                    $root.google.protobuf.Any.encode(message.protobufData, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.jsonData != null && $Object.hasOwnProperty.call(message, "jsonData"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.jsonData);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MessageData message from the specified reader or buffer.
             * @function decode
             * @memberof azure.webpubsub.MessageData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {azure.webpubsub.MessageData & azure.webpubsub.MessageData.$Shape} MessageData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MessageData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.azure.webpubsub.MessageData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.textData = reader.stringVerify();
                            message.data = "textData";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.binaryData = reader.bytes();
                            message.data = "binaryData";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.protobufData = $root.google.protobuf.Any.decode(reader, reader.size(), $undefined, _depth + 1, message.protobufData);
                            message.data = "protobufData";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.jsonData = reader.stringVerify();
                            message.data = "jsonData";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return MessageData;
        })();

        return webpubsub;
    })();

    return azure;
})();

export const google = $root.google = (() => {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    const google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        const protobuf = {};

        protobuf.Any = (function() {

            /**
             * Properties of an Any.
             * @typedef {Object} google.protobuf.Any.$Properties
             * @property {string} [type_url] Any type_url
             * @property {Uint8Array} [value] Any value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Any.
             * @memberof google.protobuf
             * @interface IAny
             * @augments google.protobuf.Any.$Properties
             * @deprecated Use google.protobuf.Any.$Properties instead.
             */

            /**
             * Shape of an Any.
             * @typedef {google.protobuf.Any.$Properties} google.protobuf.Any.$Shape
             */

            /**
             * Constructs a new Any.
             * @memberof google.protobuf
             * @classdesc Represents an Any.
             * @constructor
             * @param {google.protobuf.Any.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Any = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Any type_url.
             * @member {string} type_url
             * @memberof google.protobuf.Any
             * @instance
             */
            Any.prototype.type_url = "";

            /**
             * Any value.
             * @member {Uint8Array} value
             * @memberof google.protobuf.Any
             * @instance
             */
            Any.prototype.value = $util.newBuffer([]);

            /**
             * Creates a new Any instance using the specified properties.
             * @function create
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any.$Properties=} [properties] Properties to set
             * @returns {google.protobuf.Any} Any instance
             * @type {{
             *   (properties: google.protobuf.Any.$Shape): google.protobuf.Any & google.protobuf.Any.$Shape;
             *   (properties?: google.protobuf.Any.$Properties): google.protobuf.Any;
             * }}
             */
            Any.create = function(properties) {
                return new Any(properties);
            };

            /**
             * Encodes the specified Any message. Does not implicitly {@link google.protobuf.Any.verify|verify} messages.
             * @function encode
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any.$Properties} message Any message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Any.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url") && message.type_url !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.type_url);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Any message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Any
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Any & google.protobuf.Any.$Shape} Any
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Any.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.google.protobuf.Any();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.type_url = value;
                            else
                                delete message.type_url;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Any;
        })();

        return protobuf;
    })();

    return google;
})();

export {
  $root as default
};
