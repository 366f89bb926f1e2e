/**
 * The VICI message model: immutable, ordered trees of {@link org.vici4j.client.message.ViciSection
 * sections}, {@link org.vici4j.client.message.ViciList lists} and byte-string
 * {@link org.vici4j.client.message.ViciValue values}, and the {@link org.vici4j.client.message.ViciPacket
 * packets} that carry them. Build messages with {@link org.vici4j.client.message.ViciSection#builder()};
 * encode and decode them with {@link org.vici4j.client.codec}.
 */
package org.vici4j.client.message;
