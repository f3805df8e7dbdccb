import type { PrismaClient } from '../../db/client.js';
import { loadWorkCalendar } from './calendar-repository.js';
import type { WorkCalendar } from './work-calendar.js';
import type { WorkingHours } from './working-hours.js';

/**
 * The calendar features read synchronously (`current()`), reloaded from the database after an admin
 * imports a schedule and once a day, so a CLI import in another process is picked up.
 */
export class CalendarService {
  private calendar!: WorkCalendar;

  private constructor(
    private readonly prisma: PrismaClient,
    readonly workingHours: WorkingHours,
  ) {}

  static async load(prisma: PrismaClient, workingHours: WorkingHours): Promise<CalendarService> {
    const service = new CalendarService(prisma, workingHours);
    await service.reload();
    return service;
  }

  current(): WorkCalendar {
    return this.calendar;
  }

  async reload(): Promise<void> {
    this.calendar = await loadWorkCalendar(this.prisma);
  }
}
