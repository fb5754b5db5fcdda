import { Reflector } from '@nestjs/core';

/** Roles allowed to call a route (any one of them); routes without it are open to every authenticated caller. */
export const Roles = Reflector.createDecorator<string[]>();
