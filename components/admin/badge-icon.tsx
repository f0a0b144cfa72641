import {
  Award,
  Coffee,
  Crown,
  Flame,
  Gift,
  Heart,
  Medal,
  Sparkles,
  Star,
  Trophy,
  type LucideProps,
} from "lucide-react";
import type { ComponentType } from "react";

const icons: Record<string, ComponentType<LucideProps>> = {
  award: Award,
  star: Star,
  trophy: Trophy,
  medal: Medal,
  crown: Crown,
  flame: Flame,
  heart: Heart,
  coffee: Coffee,
  gift: Gift,
  sparkles: Sparkles,
};

/** A badge's icon by the name stored with it (lib/validation/catalog.ts badgeIcons); an unknown name shows the award. */
export function BadgeIcon({ name, ...props }: LucideProps & { name: string }) {
  const Icon = icons[name] ?? Award;
  return <Icon aria-hidden {...props} />;
}
