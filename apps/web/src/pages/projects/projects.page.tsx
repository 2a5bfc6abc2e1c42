// Placeholder until the screen is built.
export default function ProjectsPage() {
  return <div>ProjectsPage</div>;
}
