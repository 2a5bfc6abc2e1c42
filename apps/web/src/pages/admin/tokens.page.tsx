// Placeholder until the screen is built.
export default function TokensPage() {
  return <div>TokensPage</div>;
}
