/**
 * Internal plumbing shared by the other packages (ND4J array helpers, the seam over DL4J model types). Not part
 * of the API: it may change in any release. Every other package may depend on it; it depends on none of them.
 */
package org.dataprune4j.internal;
