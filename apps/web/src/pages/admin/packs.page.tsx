// Placeholder until the screen is built.
export default function PacksPage() {
  return <div>PacksPage</div>;
}
