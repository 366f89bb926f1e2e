package org.vici4j.client.message;

/**
 * An item of a VICI message tree: a {@link ViciValue} (key/value or list item), a {@link ViciList}
 * or a {@link ViciSection}. All implementations are immutable and compare by content.
 */
public sealed interface ViciItem permits ViciValue, ViciList, ViciSection {
}
