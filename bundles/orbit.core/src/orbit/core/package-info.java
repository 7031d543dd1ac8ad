/**
 * What every ORBIT concern shares: the {@link orbit.core.DataDirectory} service and the
 * {@link orbit.core.ActionableException} that carries a user-facing error.
 */
package orbit.core;
