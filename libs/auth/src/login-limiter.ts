import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Login attempts are limited (rate-limiter-flexible): per client address 30 attempts per 15 minutes,
 * per e-mail 5 failures per 15 minutes (a success clears the e-mail's count). Kept in the process:
 * with N http replicas an attacker gets at most N times the budget; a shared store is the next step.
 */
@Injectable()
export class LoginLimiter {
  private readonly byAddress = new RateLimiterMemory({ keyPrefix: 'login-ip', points: 30, duration: 900 });
  private readonly failuresByEmail = new RateLimiterMemory({ keyPrefix: 'login-email', points: 5, duration: 900 });

  /** null when the attempt may go ahead, else the seconds to wait. */
  async admit(address: string, email: string): Promise<number | null> {
    try {
      await this.byAddress.consume(address || 'unknown');
      const failures = await this.failuresByEmail.get(normal(email));
      if (failures && failures.consumedPoints >= 5) return Math.ceil(failures.msBeforeNext / 1000);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.ceil(e.msBeforeNext / 1000);
      throw e;
    }
  }

  async failed(email: string): Promise<void> {
    await this.failuresByEmail.penalty(normal(email), 1);
  }

  async succeeded(email: string): Promise<void> {
    await this.failuresByEmail.delete(normal(email));
  }
}

const normal = (email: string) => email.trim().toLowerCase() || '(empty)';
