/**
 * Netty handlers for the VICI transport (internal): {@link org.vici4j.client.internal.netty.ViciFrameDecoder}
 * splits the stream into packet bodies, {@link org.vici4j.client.internal.netty.ViciPacketDecoder} decodes
 * them, {@link org.vici4j.client.internal.netty.ViciPacketEncoder} writes length-prefixed packets. Protocol
 * errors surface as {@link org.vici4j.client.ProtocolException}, not wrapped in Netty's codec exceptions.
 */
package org.vici4j.client.internal.netty;
