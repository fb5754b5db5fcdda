import { Reflector } from '@nestjs/core';

/** Marks a route that answers without a bearer token (health, docs). */
export const Public = Reflector.createDecorator<boolean>({ transform: () => true });
