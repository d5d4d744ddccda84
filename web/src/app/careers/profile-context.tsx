import { type ReactNode, createContext, useContext, useEffect, useState } from 'react';
import type { SkillRef } from '../api/documents.js';
import { type Profile, addSkill, loadProfile, removeSkill, saveProfile } from './profile.js';

interface ProfileState {
  profile: Profile;
  add(skill: SkillRef): void;
  remove(uri: string): void;
  replace(profile: Profile): void;
}

const ProfileContext = createContext<ProfileState | null>(null);

/** One profile for every careers page, written to localStorage on each change. */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState(loadProfile);
  useEffect(() => saveProfile(profile), [profile]);
  const state: ProfileState = {
    profile,
    add: (skill) => setProfile((p) => addSkill(p, skill)),
    remove: (uri) => setProfile((p) => removeSkill(p, uri)),
    replace: setProfile,
  };
  return <ProfileContext.Provider value={state}>{children}</ProfileContext.Provider>;
}

export function useProfile(): ProfileState {
  const state = useContext(ProfileContext);
  if (!state) throw new Error('useProfile outside ProfileProvider');
  return state;
}
