/** The only source of "now" for the whole bot. Domain code takes a Clock; it never calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';
