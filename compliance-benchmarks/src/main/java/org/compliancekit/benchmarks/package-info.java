/**
 * Benchmarks. JMH benchmarks run through {@code org.openjdk.jmh.Main}; end-to-end benchmarks are mains that print
 * a table. Each figure in {@code BENCHMARKS.md} names the command that produced it.
 */
package org.compliancekit.benchmarks;
