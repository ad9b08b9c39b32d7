/**
 * Which events are published: the filters and the sampling of {@code activity.filter.*} and
 * {@code activity.sample.*}, decided on the publisher's thread after analysis (the application's
 * thread does what it did before). Connection events, failed executions and statements with a
 * risk flag are never filtered or sampled out: an audit stream cannot be filtered into silence.
 * Every event not published by choice is counted, per rule, in the heartbeats ({@code filtered},
 * {@code sampledOut}, {@code filteredBy}) and in {@code Activity.stats()}, apart from drops and losses.
 */
package io.jdbcactivity.filter;
