import { CategoryAdmin } from '../../modules/cases/index.ts';

/** `/cases/categories`: the category catalogue and responsibility list (cases.configure). */
export function CategoriesPage() {
  return <CategoryAdmin />;
}
