/**
 * Client side of the PenguinTech license contract. Public types in this package are the API;
 * {@code internal} is not.
 */
package io.waddleperf.license;
