import { Injectable } from '@nestjs/common';
import type { NewUser } from './passwords.js';
import { UsersRepository } from './users.repository.js';

/** Accounts: created (or reset) the same way by the CLI, the demo and the tests. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  create(user: NewUser): Promise<number> {
    return this.users.upsert(user);
  }
}
