/**
 * What the control side tells the node's servers at run time (settings the API pushes), as plain
 * events: the servers take them without knowing the API, and control sends them without knowing
 * the servers.
 */
package io.waddleperf.testserver.settings;
