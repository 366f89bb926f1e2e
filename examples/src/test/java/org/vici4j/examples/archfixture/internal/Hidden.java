package org.vici4j.examples.archfixture.internal;

/** ArchitectureRulesTest: a type of an internal package. */
public class Hidden {
}
