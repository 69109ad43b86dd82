/**
 * iperf3 sessions on nodes' public iperf3 ports: every test any iperf3 client runs against a node,
 * accepted or refused, as the node reports it, geolocated at ingest; the node page's connection
 * log, history with filters and CSV/JSON export, and a live stream of sessions in progress.
 * Sessions of runs the API dispatched carry the run's id (checked against {@code runs}).
 */
@ApplicationModule(
        displayName = "iperf3 sessions",
        allowedDependencies = {"nodes", "geo", "runs", "tests", "licensing", "shared"})
package io.waddleperf.api.sessions;

import org.springframework.modulith.ApplicationModule;
