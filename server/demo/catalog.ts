/** The demo LMS's content: a few courses and activities, in the shape Moodle gives them ids. */
export interface DemoActivity {
  cmid: number;
  type: 'page' | 'quiz' | 'url' | 'assign';
  name: string;
}

export interface DemoCourse {
  id: number;
  shortname: string;
  fullname: string;
  summary: string;
  sections: { id: number; number: number; name: string; activities: DemoActivity[] }[];
}

export const DEMO_CATEGORY = { id: 2, name: 'Professional Development' };

export const DEMO_COURSES: DemoCourse[] = [
  {
    id: 2,
    shortname: 'DS101',
    fullname: 'Introduction to Data Science',
    summary: 'Statistics, programming and storytelling with data, for everyone who works with numbers.',
    sections: [
      {
        id: 2,
        number: 1,
        name: 'Week 1: Foundations',
        activities: [
          { cmid: 1, type: 'page', name: 'Course overview and syllabus' },
          { cmid: 4, type: 'page', name: 'What is data science?' },
          { cmid: 7, type: 'quiz', name: 'Foundations quiz' },
        ],
      },
      {
        id: 3,
        number: 2,
        name: 'Week 2: Exploring data',
        activities: [
          { cmid: 5, type: 'url', name: 'Pandas documentation' },
          { cmid: 8, type: 'assign', name: 'Exploratory analysis assignment' },
        ],
      },
    ],
  },
  {
    id: 3,
    shortname: 'SAFE200',
    fullname: 'Workplace Safety Essentials',
    summary: 'Risk assessment, incident reporting and the habits that keep a team safe.',
    sections: [
      {
        id: 10,
        number: 1,
        name: 'Risk at work',
        activities: [
          { cmid: 12, type: 'page', name: 'Recognising hazards' },
          { cmid: 13, type: 'quiz', name: 'Hazard spotting quiz' },
        ],
      },
    ],
  },
  {
    id: 4,
    shortname: 'COMM110',
    fullname: 'Effective Communication Skills',
    summary: 'Writing clearly, running good meetings and giving feedback that lands.',
    sections: [
      {
        id: 20,
        number: 1,
        name: 'Writing',
        activities: [
          { cmid: 21, type: 'page', name: 'Plain language in five rules' },
          { cmid: 22, type: 'assign', name: 'Rewrite a memo' },
        ],
      },
    ],
  },
];

export function findCourse(id: number): DemoCourse | undefined {
  return DEMO_COURSES.find((course) => course.id === id);
}

export function findActivity(cmid: number): { course: DemoCourse; activity: DemoActivity } | undefined {
  for (const course of DEMO_COURSES) {
    for (const section of course.sections) {
      const activity = section.activities.find((candidate) => candidate.cmid === cmid);
      if (activity) return { course, activity };
    }
  }
  return undefined;
}
