/**
 * Client side of the PenguinTech license contract: {@link io.waddleperf.license.LicenseClient}
 * validates online, {@link io.waddleperf.license.LicenseFile} verifies signed offline files, and
 * both produce the same {@link io.waddleperf.license.License}. Public types in this package are the
 * API; {@code internal} is not.
 */
package io.waddleperf.license;
