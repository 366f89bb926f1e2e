/**
 * The VICI wire format, without any transport: {@link org.vici4j.client.codec.ViciEncoder} turns a
 * {@link org.vici4j.client.message.ViciPacket} into a packet body (or a length-prefixed frame),
 * {@link org.vici4j.client.codec.ViciDecoder} turns a packet body back into a packet.
 *
 * <p>Wire format (strongSwan's VICI README): a frame is a 4-byte big-endian length and a body of at
 * most 512 KiB. A body is a 1-byte packet type, for named types (CMD_REQUEST, EVENT_REGISTER,
 * EVENT_UNREGISTER, EVENT) a name with a 1-byte length, then the message. A message is a sequence of
 * elements: SECTION_START=1 (name), SECTION_END=2, KEY_VALUE=3 (name, value), LIST_START=4 (name),
 * LIST_ITEM=5 (value), LIST_END=6. Names have a 1-byte length, values a 2-byte big-endian length.
 *
 * <p>Both directions enforce {@link org.vici4j.client.codec.ViciLimits}: segment size, name and value
 * length, and a nesting depth of 64 sections below the root by default (the protocol sets none;
 * charon's own messages nest at most 4 levels). Names must be valid UTF-8 on the wire; values are
 * arbitrary bytes. All failures are {@link org.vici4j.client.ProtocolException}s whose message says
 * what is wrong and, when decoding, at which byte offset of the packet body.
 */
package org.vici4j.client.codec;
