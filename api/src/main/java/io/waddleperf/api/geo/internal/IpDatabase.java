package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.Location;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;

/** One kind of GeoIP database file. */
interface IpDatabase extends Closeable {

    Location lookup(InetAddress address) throws IOException;
}
