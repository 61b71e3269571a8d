/** The logger lives with the other observability helpers; HTTP code keeps importing it from here. */
export { logger } from '../observability/logger.ts';
