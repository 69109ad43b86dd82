/**
 * Implementation details of the license client; public only because Java has no narrower
 * visibility across packages. Other modules must not use these types.
 */
package io.waddleperf.license.internal;
