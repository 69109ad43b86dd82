package io.waddleperf.api.geo.internal;

/** {@code west,south,east,north} in degrees, GeoJSON's bbox order. */
public record BoundingBox(double west, double south, double east, double north) {}
