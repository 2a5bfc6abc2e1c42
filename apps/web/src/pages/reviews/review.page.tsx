// Placeholder until the screen is built.
export default function ReviewPage() {
  return <div>ReviewPage</div>;
}
