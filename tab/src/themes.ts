import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { TeamsTheme } from './teams-host.js';

/** The Fluent theme that matches the Teams client's theme (outside Teams: light). */
export function fluentThemeFor(theme: TeamsTheme): Theme {
  switch (theme) {
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}
