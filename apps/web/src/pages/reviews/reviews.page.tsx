// Placeholder until the screen is built.
export default function ReviewsPage() {
  return <div>ReviewsPage</div>;
}
