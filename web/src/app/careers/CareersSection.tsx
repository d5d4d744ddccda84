import { Route, Switch } from 'wouter';
import { CareersHome } from './CareersHome.js';
import { Educator } from './Educator.js';
import { IscoGroupPage } from './IscoGroupPage.js';
import { MySkills } from './MySkills.js';
import { OccupationPage } from './OccupationPage.js';
import { ProfileProvider } from './profile-context.js';
import { SkillPage } from './SkillPage.js';
import { decodedSegment } from '../components/path.js';

/** The career explorer, loaded on its first visit: the linking workbench's users never download it. */
export default function CareersSection() {
  return (
    <ProfileProvider>
      <Switch>
        <Route path="/careers" component={CareersHome} />
        <Route path="/careers/my-skills" component={MySkills} />
        <Route path="/careers/educator" component={Educator} />
        <Route path="/careers/isco/:code">{(p) => <IscoGroupPage code={p.code} />}</Route>
        <Route path="/careers/occupation/:uri">{(p) => <OccupationPage uri={decodedSegment(p.uri)} />}</Route>
        <Route path="/careers/skill/:uri">{(p) => <SkillPage uri={decodedSegment(p.uri)} />}</Route>
      </Switch>
    </ProfileProvider>
  );
}
